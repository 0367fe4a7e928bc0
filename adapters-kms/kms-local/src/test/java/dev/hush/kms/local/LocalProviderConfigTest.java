package dev.hush.kms.local;

import dev.hush.kms.spi.RootKeyProvider;
import dev.hush.kms.tck.ProviderConfigContract;
import java.nio.file.Path;
import java.util.Map;

/** The TCK's configuration contract for the local key file. */
class LocalProviderConfigTest extends ProviderConfigContract {
    @Override
    protected RootKeyProvider provider() { return new LocalRootKeyProvider(); }

    @Override
    protected Map<String, String> validConfiguration(Path dataDir) { return Map.of(); }
}
