package dev.hush.domain.tenant;

import dev.hush.domain.Rejection;
import java.util.Locale;
import java.util.regex.Pattern;

/** A URL-safe lower-case name: 1..63 characters of {@code [a-z0-9-]}, starting with a letter or digit. */
public record Slug(String value) {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    public Slug {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw Rejection.invalid("slug", "must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
    }

    /** Validates {@code value} as a slug, reporting errors against {@code field}. */
    public static Slug of(String field, String value) {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw Rejection.invalid(field, "must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        return new Slug(value);
    }

    /** Derives a slug from free text (for example a name or an e-mail's local part); never empty. */
    public static Slug derive(String text) {
        String s = text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (s.isEmpty()) {
            s = "org";
        }
        return new Slug(s.length() > 50 ? s.substring(0, 50).replaceAll("-+$", "") : s);
    }

    @Override
    public String toString() { return value; }
}
