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
 * Finds root-key providers with {@link ServiceLoader} — on the classpath and in the jars of
 * {@code <data-dir>/plugins} — and opens only the one that {@code hush.kms.provider} names (an attacker who
 * slips a class onto the classpath cannot choose it), logging which jar it came from. A plugin jar or
 * folder that others may write to is refused, and so is a provider id claimed twice.
 */
final class RootKeyProviders {
    private static final Logger LOG = LoggerFactory.getLogger(RootKeyProviders.class);

    private RootKeyProviders() {}

    static RootKey open(String type, Environment environment, Path dataDir, Map<String, String> overrides) {
        ClassLoader loader = pluginLoader(dataDir.resolve("plugins"));
        List<RootKeyProvider> found = ServiceLoader.load(RootKeyProvider.class, loader).stream().map(ServiceLoader.Provider::get).toList();
        List<RootKeyProvider> named = found.stream().filter(p -> p.type().equals(type)).toList();
        if (named.isEmpty()) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED, "unknown KMS provider '" + type
                    + "' (available: " + found.stream().map(RootKeyProvider::type).sorted().toList() + ")");
        }
        if (named.size() > 1) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED, "KMS provider '" + type + "' is offered by more than one jar: "
                    + named.stream().map(RootKeyProviders::origin).toList());
        }
        RootKeyProvider provider = named.get(0);
        Map<String, String> props = new HashMap<>();
        for (ConfigProperty p : provider.configProperties()) {
            String env = "HUSH_KMS_" + (type + "_" + p.name()).toUpperCase(java.util.Locale.ROOT).replace('-', '_');
            environment.getProperty("hush.kms." + type + "." + p.name(), String.class)
                    .or(() -> java.util.Optional.ofNullable(System.getenv(env)))
                    .ifPresent(v -> props.put(p.name(), v));
        }
        props.putAll(overrides);
        LOG.info("Root key provider '{}' from {}", type, origin(provider));
        return provider.open(new ProviderConfig(props, dataDir));
    }

    private static String origin(RootKeyProvider provider) {
        var source = provider.getClass().getProtectionDomain().getCodeSource();
        return source == null ? "the JDK" : String.valueOf(source.getLocation());
    }

    /** The application's class loader, extended by the plugin jars when the folder has any. */
    static ClassLoader pluginLoader(Path plugins) {
        ClassLoader app = RootKeyProviders.class.getClassLoader();
        if (!java.nio.file.Files.isDirectory(plugins)) {
            return app;
        }
        List<java.net.URL> jars = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.list(plugins)) {
            refuseIfOthersMayWrite(plugins);
            for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                refuseIfOthersMayWrite(jar);
                jars.add(jar.toUri().toURL());
            }
        } catch (java.io.IOException e) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED, "cannot read the plugins folder " + plugins, e);
        }
        if (jars.isEmpty()) {
            return app;
        }
        LOG.info("Plugin jars: {}", jars);
        return new java.net.URLClassLoader(jars.toArray(java.net.URL[]::new), app);
    }

    private static void refuseIfOthersMayWrite(Path path) throws java.io.IOException {
        var perms = java.nio.file.Files.getPosixFilePermissions(path);
        if (perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                || perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED, path + " may be written by other users: a plugin runs with the "
                    + "server's rights and sees its keys; chmod go-w it");
        }
    }
}
