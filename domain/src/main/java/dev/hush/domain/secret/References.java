package dev.hush.domain.secret;

import dev.hush.domain.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * References inside secret values, resolved by the server when the value is read: {@code ${KEY}} (the same environment),
 * {@code ${env.KEY}} (another environment of the project) and {@code ${project.env.KEY}} (another project of the
 * organization; a key with dots is always named this way, as the segments before the key are read by their number:
 * no dot, one, two or more). {@code \$\{} stands for a literal {@code ${}. The value is stored as written; reading it
 * with {@code resolve=false} gives it back so.
 */
public final class References {
    /** At most this many references deep (a reference to a value with references counts one more). */
    public static final int MAX_DEPTH = 8;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private References() {}

    /** A reference as written: {@code project} and {@code env} empty when it names the referring secret's own. */
    public record Reference(Optional<String> project, Optional<String> env, String key, String text) {
        @Override
        public String toString() { return text; }
    }

    /** Whether {@code value} may hold a reference (a cheap test before parsing). */
    public static boolean mayContain(String value) {
        return value.contains("${");
    }

    /** The references of {@code value}, in order; refused (naming it) when one is malformed. */
    public static List<Reference> parse(String field, String value) {
        List<Reference> out = new ArrayList<>();
        scan(field, value, r -> {
            out.add(r);
            return Optional.of("");
        }, new ArrayList<>(), true);
        return out;
    }

    /**
     * {@code value} with each reference replaced by what {@code lookup} gives; a reference it cannot resolve stays as
     * written and is added to {@code unresolved}. Escapes become literal; a malformed {@code ${...}} (stored before
     * references existed) is left as it is.
     */
    public static String render(String value, Function<Reference, Optional<String>> lookup, List<Reference> unresolved) {
        return scan("value", value, lookup, unresolved, false);
    }

    private static String scan(String field, String value, Function<Reference, Optional<String>> lookup, List<Reference> unresolved,
                               boolean strict) {
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '\\' && value.startsWith("${", i + 1)) {
                out.append("${");
                i += 3;
                continue;
            }
            if (c == '$' && value.startsWith("{", i + 1)) {
                int end = value.indexOf('}', i + 2);
                if (end < 0) {
                    if (strict) {
                        throw Rejection.invalid(field, "has '${' without a closing '}' (write \\${ for a literal ${)");
                    }
                    out.append(value, i, value.length());
                    break;
                }
                String text = value.substring(i, end + 1);
                Reference r;
                try {
                    r = reference(field, value.substring(i + 2, end), text, i);
                } catch (Rejection malformed) {
                    if (strict) {
                        throw malformed;
                    }
                    out.append(text);
                    i = end + 1;
                    continue;
                }
                Optional<String> resolved = lookup.apply(r);
                if (resolved.isPresent()) {
                    out.append(resolved.get());
                } else {
                    out.append(text);
                    unresolved.add(r);
                }
                i = end + 1;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** The reference at {@code at}; a malformed one is refused by its position, never quoted: it is part of a secret value. */
    private static Reference reference(String field, String inner, String text, int at) {
        String[] parts = inner.split("\\.", 3);
        try {
            return switch (parts.length) {
                case 1 -> new Reference(Optional.empty(), Optional.empty(), SecretKey.of(field, parts[0]).value(), text);
                case 2 -> new Reference(Optional.empty(), Optional.of(slug(parts[0])), SecretKey.of(field, parts[1]).value(), text);
                default -> new Reference(Optional.of(slug(parts[0])), Optional.of(slug(parts[1])), SecretKey.of(field, parts[2]).value(), text);
            };
        } catch (Rejection | IllegalArgumentException e) {
            throw Rejection.invalid(field, "has a malformed reference at character " + (at + 1)
                    + ": write ${KEY}, ${env.KEY} or ${project.env.KEY} (\\${ for a literal ${)");
        }
    }

    private static String slug(String s) {
        if (!SLUG.matcher(s).matches()) {
            throw new IllegalArgumentException(s);
        }
        return s;
    }
}
