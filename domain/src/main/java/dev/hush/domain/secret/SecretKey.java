package dev.hush.domain.secret;

import dev.hush.domain.Rejection;
import java.util.regex.Pattern;

/** A secret's name: 1..256 characters of {@code [A-Za-z0-9_.-]}, not starting with a digit. */
public record SecretKey(String value) implements Comparable<SecretKey> {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z_.-][A-Za-z0-9_.-]{0,255}");

    public SecretKey {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw Rejection.invalid("key", "must be 1-256 characters of A-Z, a-z, 0-9, '_', '.', '-', not starting with a digit");
        }
    }

    /** Validates, naming {@code field} in the error (for example {@code secrets[3].key}). */
    public static SecretKey of(String field, String value) {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw Rejection.invalid(field, "must be 1-256 characters of A-Z, a-z, 0-9, '_', '.', '-', not starting with a digit");
        }
        return new SecretKey(value);
    }

    @Override
    public int compareTo(SecretKey o) { return value.compareTo(o.value); }

    @Override
    public String toString() { return value; }
}
