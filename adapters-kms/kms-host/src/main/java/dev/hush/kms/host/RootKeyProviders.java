package dev.hush.kms.host;

import dev.hush.kms.spi.ConfigProperty;
import dev.hush.kms.spi.KmsException;
import dev.hush.kms.spi.ProviderConfig;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.spi.RootKeyProvider;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.ServiceLoader;

/**
 * Finds root-key providers with {@link ServiceLoader} — on the classpath and in the jars of
 * {@code <data-dir>/plugins} — and opens only the one that {@code hush.kms.provider} names (an attacker who
 * slips a class onto the classpath cannot choose it), logging which jar it came from. A plugin jar or
 * folder that others may write to is refused, and so is a provider id claimed twice. The provider's
 * configuration is validated here, against what it declares, before it is opened: a provider never sees an
 * unknown key or misses a required one.
 */
public final class RootKeyProviders {
    private static final System.Logger LOG = System.getLogger(RootKeyProviders.class.getName());

    private RootKeyProviders() {}

    /**
     * Opens the provider {@code type}. Its properties are read with {@code settings} under
     * {@code hush.kms.<type>.<name>} (falling back to the variable {@code HUSH_KMS_<TYPE>_<NAME>}); {@code overrides}
     * win over both.
     */
    public static RootKey open(String type, Function<String, Optional<String>> settings, Path dataDir, Map<String, String> overrides) {
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
            settings.apply("hush.kms." + type + "." + p.name())
                    .or(() -> Optional.ofNullable(System.getenv(env)))
                    .ifPresent(v -> props.put(p.name(), v));
        }
        props.putAll(overrides);
        LOG.log(System.Logger.Level.INFO, "Root key provider ''{0}'' from {1}", type, origin(provider));
        ProviderConfig config = new ProviderConfig(props, dataDir);
        config.validate(provider);
        RootKey opened = provider.open(config);
        if (opened == null) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED, "KMS provider '" + type + "' returned no root key");
        }
        return opened;
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
        LOG.log(System.Logger.Level.INFO, "Plugin jars: {0}", jars);
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
