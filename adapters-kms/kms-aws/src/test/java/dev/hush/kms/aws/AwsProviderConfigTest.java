package dev.hush.kms.aws;

import dev.hush.kms.spi.RootKeyProvider;
import dev.hush.kms.tck.ProviderConfigContract;
import java.nio.file.Path;
import java.util.Map;

/** The TCK's configuration contract for AWS KMS: open builds the SDK client and sends nothing, so no stand-in is needed. */
class AwsProviderConfigTest extends ProviderConfigContract {
    @Override
    protected RootKeyProvider provider() { return new AwsKmsProvider(); }

    @Override
    protected Map<String, String> validConfiguration(Path dataDir) {
        return Map.of("key-id", "alias/hush-root", "region", "eu-west-1", "endpoint", "http://127.0.0.1:1");
    }
}
