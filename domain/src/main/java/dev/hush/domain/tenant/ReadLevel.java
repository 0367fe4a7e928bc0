package dev.hush.domain.tenant;

import dev.hush.domain.Rejection;
import java.util.Locale;

/** How sensitive an environment is; roles may read environments up to a level. Ordered from least to most. */
public enum ReadLevel {
    DEV, STAGING, PROD;

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    public static ReadLevel parse(String field, String text) {
        if (text == null) {
            return PROD;
        }
        for (ReadLevel level : values()) {
            if (level.wire().equals(text)) {
                return level;
            }
        }
        throw Rejection.invalid(field, "must be one of dev, staging, prod");
    }
}
