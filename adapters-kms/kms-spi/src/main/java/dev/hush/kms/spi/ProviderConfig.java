package dev.hush.kms.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration handed to {@link RootKeyProvider#open}: the provider's own properties (names as in
 * {@link RootKeyProvider#configProperties()}) and Hush's data directory.
 *
 * @since 0.1
 */
public record ProviderConfig(Map<String, String> properties, Path dataDir) {
    public ProviderConfig {
        properties = Map.copyOf(properties);
    }

    public Optional<String> get(String name) { return Optional.ofNullable(properties.get(name)).filter(s -> !s.isBlank()); }

    /** Fails with {@code MISCONFIGURED} when unknown keys are present or required ones are missing. */
    public void validate(RootKeyProvider provider) {
        for (String key : properties.keySet()) {
            if (provider.configProperties().stream().noneMatch(p -> p.name().equals(key))) {
                throw new KmsException(KmsException.Kind.MISCONFIGURED,
                        "unknown configuration key '" + key + "' for KMS provider " + provider.type());
            }
        }
        for (ConfigProperty p : provider.configProperties()) {
            if (p.required() && get(p.name()).isEmpty()) {
                throw new KmsException(KmsException.Kind.MISCONFIGURED,
                        "KMS provider " + provider.type() + " needs '" + p.name() + "'");
            }
        }
    }
}
