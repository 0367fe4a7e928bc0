package dev.hush.kms.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.kms.spi.KmsException;
import dev.hush.kms.spi.ProviderConfig;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.spi.WrappedKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRootKeyProviderTest {
    @TempDir
    Path dir;
    final LocalRootKeyProvider provider = new LocalRootKeyProvider();
    final byte[] ctx = "org-1".getBytes(StandardCharsets.UTF_8);

    RootKey open() { return provider.open(new ProviderConfig(Map.of(), dir)); }

    @Test
    void open_createsA256BitKeyFile_ownerOnly_andReusesIt() throws Exception {
        String id;
        try (RootKey key = open()) {
            id = key.keyId();
        }
        Path file = dir.resolve("root.key");
        assertThat(Files.size(file)).isEqualTo(32);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (RootKey again = open()) {
            assertThat(again.keyId()).isEqualTo(id).startsWith("local:");
        }
    }

    @Test
    void wrap_unwrap_roundTrips_andBindsContext() {
        try (RootKey key = open()) {
            byte[] material = new byte[32];
            material[0] = 7;
            WrappedKey w = key.wrap(material, ctx);
            assertThat(w.keyId()).isEqualTo(key.keyId());
            assertThat(w.keyVersion()).isEqualTo("1");
            assertThat(key.unwrap(w, ctx)).isEqualTo(material);
            assertThat(key.unwrap(key.wrap(material, new byte[0]), new byte[0])).isEqualTo(material);
            assertThatThrownBy(() -> key.unwrap(w, "org-2".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.kind()).isEqualTo(KmsException.Kind.INTEGRITY));
            byte[] tampered = w.ciphertext();
            tampered[tampered.length - 1] ^= 1;
            assertThatThrownBy(() -> key.unwrap(new WrappedKey(w.keyId(), "1", tampered), ctx)).isInstanceOf(KmsException.class);
            assertThatThrownBy(() -> key.unwrap(new WrappedKey(w.keyId(), "1", new byte[0]), ctx)).isInstanceOf(KmsException.class);
        }
    }

    @Test
    void wrappedForm_opensWithPlainJdkAesGcm_asDocumented() throws Exception {
        try (RootKey key = open()) {
            byte[] material = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
            byte[] blob = key.wrap(material, ctx).ciphertext();
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Files.readAllBytes(dir.resolve("root.key")), "AES"),
                    new GCMParameterSpec(128, blob, 0, 12));
            c.updateAAD(ctx);
            assertThat(c.doFinal(blob, 12, blob.length - 12)).isEqualTo(material);
        }
    }

    @Test
    void anotherKeysCiphertext_failsWithIntegrity() throws Exception {
        WrappedKey w;
        try (RootKey key = open()) {
            w = key.wrap(new byte[32], ctx);
        }
        Path other = Files.createTempDirectory(dir, "other");
        try (RootKey second = provider.open(new ProviderConfig(Map.of(), other))) {
            assertThat(second.keyId()).isNotEqualTo(w.keyId());
            assertThatThrownBy(() -> second.unwrap(w, ctx)).isInstanceOfSatisfying(KmsException.class,
                    e -> assertThat(e.kind()).isEqualTo(KmsException.Kind.INTEGRITY));
            assertThatThrownBy(() -> second.unwrap(new WrappedKey(second.keyId(), "1", w.ciphertext()), ctx))
                    .isInstanceOf(KmsException.class).hasMessage("integrity check failed");
        }
    }

    @Test
    void missingFile_withCreateFalse_isKeyNotFound_andNothingIsCreated() {
        assertThatThrownBy(() -> provider.open(new ProviderConfig(Map.of("create", "false"), dir)))
                .isInstanceOfSatisfying(KmsException.class, e -> assertThat(e.kind()).isEqualTo(KmsException.Kind.KEY_NOT_FOUND));
        assertThat(dir.resolve("root.key")).doesNotExist();
    }

    @Test
    void groupReadableKeyFile_orWrongSize_isRefused() throws Exception {
        Path file = dir.resolve("root.key");
        Files.write(file, new byte[32]);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(this::open).isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.getMessage()).contains("chmod 600"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(this::open).as("all zeros").isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.getMessage()).contains("does not hold random bytes"));
        Files.write(file, "rootkeyrootkeyrootkeyrootkeyroot".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThatThrownBy(this::open).as("a typed pattern").isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.kind()).isEqualTo(KmsException.Kind.MISCONFIGURED));
        Files.write(file, new byte[16]);
        assertThatThrownBy(this::open).isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.kind()).isEqualTo(KmsException.Kind.MISCONFIGURED));
    }

    @Test
    void concurrentUse_isSafe() throws Exception {
        try (RootKey key = open()) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    byte[] material = new byte[32];
                    material[0] = (byte) i;
                    results.add(pool.submit(() -> java.util.Arrays.equals(material, key.unwrap(key.wrap(material, ctx), ctx))));
                }
                for (Future<Boolean> f : results) {
                    assertThat(f.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void close_isIdempotent_andAClosedKeyRefusesWork() {
        RootKey key = open();
        key.close();
        key.close();
        assertThatThrownBy(() -> key.wrap(new byte[32], ctx)).isInstanceOfSatisfying(KmsException.class,
                e -> assertThat(e.kind()).isEqualTo(KmsException.Kind.UNAVAILABLE));
    }
}
