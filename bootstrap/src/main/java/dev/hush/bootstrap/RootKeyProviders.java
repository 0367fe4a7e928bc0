package dev.hush.bootstrap;

import dev.hush.kms.spi.ConfigProperty;
import dev.hush.kms.spi.KmsException;
import dev.hush.kms.spi.ProviderConfig;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.spi.RootKeyProvider;
import io.micronaut.context.env.Environment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds root-key providers with {@link ServiceLoader} and opens only the one that {@code hush.kms.provider}
 * names (an attacker who slips a class onto the classpath cannot choose it), logging where it came from.
 */
final class RootKeyProviders {
    private static final Logger LOG = LoggerFactory.getLogger(RootKeyProviders.class);

    private RootKeyProviders() {}

    static RootKey open(String type, Environment environment, Path dataDir, Map<String, String> overrides) {
        List<RootKeyProvider> found = ServiceLoader.load(RootKeyProvider.class, RootKeyProviders.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();
        RootKeyProvider provider = found.stream().filter(p -> p.type().equals(type)).findFirst()
                .orElseThrow(() -> new KmsException(KmsException.Kind.MISCONFIGURED, "unknown KMS provider '" + type
                        + "' (available: " + found.stream().map(RootKeyProvider::type).toList() + ")"));
        Map<String, String> props = new HashMap<>();
        for (ConfigProperty p : provider.configProperties()) {
            environment.getProperty("hush.kms." + type + "." + p.name(), String.class).ifPresent(v -> props.put(p.name(), v));
        }
        props.putAll(overrides);
        var source = provider.getClass().getProtectionDomain().getCodeSource();
        LOG.info("Root key provider '{}' from {}", type, source == null ? "the JDK" : source.getLocation());
        return provider.open(new ProviderConfig(props, dataDir));
    }
}
