package dev.hush.kms.example;

import dev.hush.kms.spi.ProviderConfig;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.tck.RootKeyContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The example plugin passes the same contract test kit as the providers shipped with Hush. */
class PassphraseRootKeyContractTest extends RootKeyContract {
    @TempDir
    Path dir;

    RootKey open(String passphrase) {
        try {
            Path file = Files.writeString(dir.resolve(passphrase.hashCode() + ".txt"), passphrase);
            return new PassphraseRootKeyProvider().open(new ProviderConfig(Map.of("passphrase-file", file.toString()), dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected RootKey openRootKey() { return open("correct horse battery staple"); }

    @Override
    protected RootKey openOtherRootKey() { return open("another passphrase entirely"); }
}
