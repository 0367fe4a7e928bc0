package dev.hush.kms.example;

import dev.hush.kms.spi.ConfigProperty;
import dev.hush.kms.spi.KmsException;
import dev.hush.kms.spi.ProviderConfig;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.spi.RootKeyProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Provider {@code example-passphrase}: the root key is PBKDF2-HMAC-SHA256 (600,000 iterations) of a
 * passphrase read from a file, with a configurable salt. Configuration: {@code passphrase-file}
 * (required; env {@code HUSH_KMS_EXAMPLE_PASSPHRASE_PASSPHRASE_FILE}) and {@code salt}.
 */
public final class PassphraseRootKeyProvider implements RootKeyProvider {
    static final int ITERATIONS = 600_000;

    @Override
    public String type() { return "example-passphrase"; }

    @Override
    public List<ConfigProperty> configProperties() {
        return List.of(new ConfigProperty("passphrase-file", true, false, "file holding the passphrase (one line, at least 16 characters)"),
                new ConfigProperty("salt", false, false, "salt for PBKDF2 (default: hush-example)"));
    }

    @Override
    public RootKey open(ProviderConfig config) {
        Path file = Path.of(config.get("passphrase-file").orElseThrow());
        char[] passphrase;
        try {
            passphrase = Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
        } catch (IOException e) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED, "cannot read the passphrase file " + file, e);
        }
        if (passphrase.length < 16) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED, "the passphrase must have at least 16 characters");
        }
        byte[] salt = config.get("salt").orElse("hush-example").getBytes(StandardCharsets.UTF_8);
        try {
            PBEKeySpec spec = new PBEKeySpec(passphrase, salt, ITERATIONS, 256);
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            try {
                return new PassphraseRootKey(key);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED, "PBKDF2 unavailable", e);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }
}
