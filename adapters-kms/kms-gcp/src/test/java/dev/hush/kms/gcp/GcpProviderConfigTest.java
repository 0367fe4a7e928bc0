package dev.hush.kms.gcp;

import dev.hush.kms.spi.RootKeyProvider;
import dev.hush.kms.tck.ProviderConfigContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The TCK's configuration contract for Cloud KMS, with a fake service account and an endpoint nothing listens on. */
class GcpProviderConfigTest extends ProviderConfigContract {
    @Override
    protected RootKeyProvider provider() { return new GcpKmsProvider(); }

    @Override
    protected Map<String, String> validConfiguration(Path dataDir) {
        try {
            Path sa = Files.writeString(dataDir.resolve("sa.json"), GcpKmsRootKeyTest.fakeServiceAccountJson());
            return Map.of("key-name", GcpKmsRootKeyTest.KEY, "endpoint", "127.0.0.1:1", "credentials-file", sa.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
