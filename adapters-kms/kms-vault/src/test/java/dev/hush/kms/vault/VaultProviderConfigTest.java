package dev.hush.kms.vault;

import dev.hush.kms.spi.RootKeyProvider;
import dev.hush.kms.tck.ProviderConfigContract;
import java.nio.file.Path;
import java.util.Map;

/** The TCK's configuration contract for Vault Transit (its token is a secret property: never in an error). */
class VaultProviderConfigTest extends ProviderConfigContract {
    @Override
    protected RootKeyProvider provider() { return new VaultTransitProvider(); }

    @Override
    protected Map<String, String> validConfiguration(Path dataDir) {
        return Map.of("address", "http://127.0.0.1:1", "token", "s.test-token", "key-name", "hush-root");
    }
}
