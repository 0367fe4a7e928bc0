package dev.hush.kms.spi;

import java.util.List;

/**
 * A factory for root keys, discovered through {@link java.util.ServiceLoader} and chosen by
 * {@code hush.kms.provider}. Implementations are stateless and must have a public no-argument constructor.
 *
 * @since 0.1
 */
public interface RootKeyProvider {
    /** The provider id used in configuration, kebab-case, for example {@code local} or {@code aws}. */
    String type();

    /**
     * The configuration keys this provider reads. The host validates a configuration against them
     * ({@link ProviderConfig#validate}) before it calls {@link #open}: an unknown key or a missing required one
     * never reaches the provider. The TCK's {@code ProviderConfigContract} checks the declaration.
     */
    List<ConfigProperty> configProperties();

    /**
     * Opens the root key described by {@code config}, already validated against {@link #configProperties()}.
     * Checks what only the provider knows (a region name, a key-name pattern). Never returns null.
     *
     * @throws KmsException of kind {@code MISCONFIGURED} for bad configuration, {@code UNAVAILABLE} when the
     *                      backend cannot be reached
     */
    RootKey open(ProviderConfig config);
}
