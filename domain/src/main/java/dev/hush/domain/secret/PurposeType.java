package dev.hush.domain.secret;

import dev.hush.domain.Rejection;

/** The broad purpose of a secret (from the app-secrets model). */
public enum PurposeType {
    APIKey, SSHKey, UsernamePassword, Other;

    public static PurposeType parse(String field, String text) {
        if (text == null) {
            return Other;
        }
        for (PurposeType p : values()) {
            if (p.name().equals(text)) {
                return p;
            }
        }
        throw Rejection.invalid(field, "must be one of APIKey, SSHKey, UsernamePassword, Other");
    }
}
