package dev.hush.kms.local;

import dev.hush.kms.spi.ProviderConfig;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.spi.WrappedKey;
import dev.hush.kms.tck.RootKeyContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The local key file provider against the contract test kit. */
class LocalRootKeyContractTest extends RootKeyContract {
    @TempDir
    Path dir;

    @Override
    protected RootKey openRootKey() { return new LocalRootKeyProvider().open(new ProviderConfig(Map.of(), dir.resolve("a"))); }

    @Override
    protected RootKey openOtherRootKey() { return new LocalRootKeyProvider().open(new ProviderConfig(Map.of(), dir.resolve("b"))); }

    /**
     * Key bytes 00..1f, wrapped with plain JDK AES-256-GCM, nonce 000102030405060708090a0b, associated
     * data "golden-context", plaintext 32 bytes of 0x42: the format of every local wrap since 0.1.
     */
    @Override
    protected Optional<Golden> golden() {
        try {
            Path file = dir.resolve("golden").resolve("root.key");
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            for (int i = 0; i < 32; i++) {
                key[i] = (byte) i;
            }
            Files.write(file, key);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            String keyId;
            try (RootKey k = new LocalRootKeyProvider().open(new ProviderConfig(Map.of("create", "false"), file.getParent()))) {
                keyId = k.keyId();
            }
            javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            byte[] nonce = HexFormat.of().parseHex("000102030405060708090a0b");
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "AES"), new javax.crypto.spec.GCMParameterSpec(128, nonce));
            byte[] context = "golden-context".getBytes(StandardCharsets.US_ASCII);
            c.updateAAD(context);
            byte[] plaintext = new byte[32];
            java.util.Arrays.fill(plaintext, (byte) 0x42);
            byte[] ct = c.doFinal(plaintext);
            byte[] blob = new byte[12 + ct.length];
            System.arraycopy(nonce, 0, blob, 0, 12);
            System.arraycopy(ct, 0, blob, 12, ct.length);
            dirForGolden = file.getParent();
            return Optional.of(new Golden(new WrappedKey(keyId, "1", blob), context, plaintext));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Path dirForGolden;

    @Override
    protected RootKey openGoldenRootKey() {
        return new LocalRootKeyProvider().open(new ProviderConfig(Map.of("create", "false"), dirForGolden));
    }
}
