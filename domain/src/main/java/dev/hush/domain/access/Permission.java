package dev.hush.domain.access;

import dev.hush.domain.Rejection;
import java.util.Locale;

/** What an API token may do with secrets, on top of its creator's role. */
public enum Permission {
    READ, WRITE;

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static Permission parse(String field, String text) {
        for (Permission p : values()) {
            if (p.wire().equals(text)) {
                return p;
            }
        }
        throw Rejection.invalid(field, "must be read or write");
    }
}
