package dev.hush.kms.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.kms.spi.ConfigProperty;
import dev.hush.kms.spi.KmsException;
import dev.hush.kms.spi.ProviderConfig;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.spi.RootKeyProvider;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration contract every root-key provider passes, run the way the Hush host runs a provider:
 * {@link ProviderConfig#validate} against the declared properties, then {@link RootKeyProvider#open}. Extend it
 * in the provider's tests with two hooks; the provider's own tests then only check what is its own (a region
 * name, a key-name pattern), not the generic rules proven here.
 *
 * <p>What it proves: the provider is found by {@link ServiceLoader} under its type; the type and every
 * property name are kebab-case, unique and described; a valid configuration opens (without contacting the
 * backend, for providers that do not) and never returns null; an unknown key and each missing required key are
 * refused as {@code MISCONFIGURED} naming the key; and the value of a secret property never appears in an
 * error message.
 *
 * @since 0.1
 */
public abstract class ProviderConfigContract {
    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** The provider under test (a new instance, as {@link ServiceLoader} would make). */
    protected abstract RootKeyProvider provider();

    /** Properties with which {@link RootKeyProvider#open} succeeds in {@code dataDir} (stand-in addresses are fine). */
    protected abstract Map<String, String> validConfiguration(Path dataDir);

    /** The host's way to open: validate against the declaration, then open. */
    protected final RootKey openAsHost(Map<String, String> properties, Path dataDir) {
        RootKeyProvider provider = provider();
        ProviderConfig config = new ProviderConfig(properties, dataDir);
        config.validate(provider);
        return provider.open(config);
    }

    @Test
    void provider_isFoundByServiceLoader_underItsType() {
        String type = provider().type();
        List<RootKeyProvider> found = ServiceLoader.load(RootKeyProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.type().equals(type)).toList();
        assertEquals(1, found.size(), "exactly one provider of type '" + type + "' (META-INF/services entry)");
        assertEquals(provider().getClass(), found.get(0).getClass());
    }

    @Test
    void typeAndPropertyNames_areKebabCase_uniqueAndDescribed() {
        RootKeyProvider provider = provider();
        assertTrue(KEBAB.matcher(provider.type()).matches(), "type '" + provider.type() + "' is kebab-case");
        Set<String> names = new HashSet<>();
        for (ConfigProperty p : provider.configProperties()) {
            assertTrue(KEBAB.matcher(p.name()).matches(), "property '" + p.name() + "' is kebab-case");
            assertTrue(names.add(p.name()), "property '" + p.name() + "' is declared once");
            assertFalse(p.description().isBlank(), "property '" + p.name() + "' has a description");
        }
    }

    @Test
    void validConfiguration_opens_andNeverReturnsNull(@TempDir Path dir) {
        RootKey key = openAsHost(validConfiguration(dir), dir);
        assertNotNull(key, "open must never return null");
        assertNotNull(key.keyId());
        key.close();
    }

    @Test
    void unknownKey_isMisconfigured_namingTheKey(@TempDir Path dir) {
        Map<String, String> props = new HashMap<>(validConfiguration(dir));
        props.put("no-such-setting", "1");
        KmsException e = assertThrows(KmsException.class, () -> openAsHost(props, dir));
        assertEquals(KmsException.Kind.MISCONFIGURED, e.kind());
        assertTrue(e.getMessage().contains("no-such-setting"), e.getMessage());
    }

    @Test
    void eachRequiredKey_missingOrBlank_isMisconfigured_namingTheKey(@TempDir Path dir) {
        for (ConfigProperty p : provider().configProperties()) {
            if (!p.required()) {
                continue;
            }
            for (String absent : new String[] {null, "  "}) {
                Map<String, String> props = new HashMap<>(validConfiguration(dir));
                if (absent == null) {
                    props.remove(p.name());
                } else {
                    props.put(p.name(), absent);
                }
                KmsException e = assertThrows(KmsException.class, () -> openAsHost(props, dir), p.name() + " missing");
                assertEquals(KmsException.Kind.MISCONFIGURED, e.kind());
                assertTrue(e.getMessage().contains(p.name()), e.getMessage());
            }
        }
    }

    @Test
    void secretValues_neverAppearInErrors(@TempDir Path dir) {
        for (ConfigProperty p : provider().configProperties()) {
            if (!p.secret()) {
                continue;
            }
            String marker = "tck-secret-" + UUID.randomUUID();
            Map<String, String> props = new HashMap<>(validConfiguration(dir));
            props.put(p.name(), marker);
            props.put("no-such-setting", "1");
            KmsException refused = assertThrows(KmsException.class, () -> openAsHost(props, dir));
            assertFalse(String.valueOf(refused.getMessage()).contains(marker), "the value of " + p.name() + " in: " + refused.getMessage());
            props.remove("no-such-setting");
            try (RootKey key = openAsHost(props, dir)) {
                assertNotNull(key);
            } catch (KmsException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    assertFalse(String.valueOf(t.getMessage()).contains(marker), "the value of " + p.name() + " in: " + t.getMessage());
                }
            }
        }
    }
}
