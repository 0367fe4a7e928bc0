package dev.hush.kms.spi;

import java.util.Objects;

/**
 * A configuration key a provider reads, relative to {@code hush.kms.<type>.} (environment
 * {@code HUSH_KMS_<TYPE>_<NAME>}). Secret properties are redacted wherever Hush prints configuration.
 *
 * @since 0.1
 */
public record ConfigProperty(String name, boolean required, boolean secret, String description) {
    public ConfigProperty {
        Objects.requireNonNull(name);
        Objects.requireNonNull(description);
    }
}
