package dev.hush.domain.tenant;

import dev.hush.domain.Rejection;

/** Display names: trimmed, 1..200 characters, no control characters. */
public final class Names {
    private Names() {}

    public static String require(String field, String name) {
        if (name == null || name.isBlank()) {
            throw Rejection.invalid(field, "must not be blank");
        }
        String trimmed = name.strip();
        if (trimmed.length() > 200 || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw Rejection.invalid(field, "must be at most 200 printable characters");
        }
        return trimmed;
    }
}
