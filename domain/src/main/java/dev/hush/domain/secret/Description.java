package dev.hush.domain.secret;

import dev.hush.domain.Rejection;

/** Free-text description of a secret: at most 1,000 characters. Never holds a value. */
public final class Description {
    private Description() {}

    public static String check(String field, String text) {
        if (text != null && text.length() > 1000) {
            throw Rejection.invalid(field, "must be at most 1000 characters");
        }
        return text;
    }
}
