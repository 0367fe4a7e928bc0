package dev.hush.kms.example;

import dev.hush.kms.spi.RootKeyProvider;
import dev.hush.kms.tck.ProviderConfigContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The TCK's configuration contract for the example plugin. */
class PassphraseProviderConfigTest extends ProviderConfigContract {
    @Override
    protected RootKeyProvider provider() { return new PassphraseRootKeyProvider(); }

    @Override
    protected Map<String, String> validConfiguration(Path dataDir) {
        try {
            return Map.of("passphrase-file", Files.writeString(dataDir.resolve("passphrase.txt"), "correct horse battery staple").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
