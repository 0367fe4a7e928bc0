package dev.hush.domain.secret;

import dev.hush.domain.Rejection;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** A secret's tags: at most 32 distinct tags of 1..64 characters of {@code [A-Za-z0-9_.-]}, kept sorted. */
public record Tags(List<String> values) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    public static final Tags NONE = new Tags(List.of());

    public Tags {
        values = List.copyOf(new TreeSet<>(values));
    }

    public static Tags of(String field, Collection<String> raw) {
        if (raw == null) {
            return NONE;
        }
        if (raw.size() > 32) {
            throw Rejection.invalid(field, "at most 32 tags");
        }
        for (String tag : raw) {
            if (tag == null || !SHAPE.matcher(tag).matches()) {
                throw Rejection.invalid(field, "each tag must be 1-64 characters of A-Z, a-z, 0-9, '_', '.', '-'");
            }
        }
        return new Tags(List.copyOf(raw));
    }

    public boolean containsAll(Collection<String> wanted) { return values.containsAll(wanted); }
}
