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

    /** The configuration keys this provider reads; unknown or missing required keys fail {@link #open}. */
    List<ConfigProperty> configProperties();

    /**
     * Opens the root key described by {@code config}. Never returns null.
     *
     * @throws KmsException of kind {@code MISCONFIGURED} for bad configuration, {@code UNAVAILABLE} when the
     *                      backend cannot be reached
     */
    RootKey open(ProviderConfig config);
}
