package dev.hush.kms.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hush.kms.spi.KmsException;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.spi.WrappedKey;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The contract every root-key provider must pass. Extend it in the provider's tests and implement the
 * hooks; the tests need nothing else. Modelled on Tink's KMS integration tests.
 *
 * <p>What it proves: a wrap round-trips (with an empty context too); the context is bound (another
 * context fails with {@code INTEGRITY}); tampered, empty, truncated or another key's ciphertext fails
 * with {@code INTEGRITY}; the wrapped key records the key id and a key version; a golden ciphertext made
 * earlier still unwraps; only {@link KmsException} escapes; concurrent use is safe; {@code close} is
 * idempotent; and, where the hooks can take the backend down, that an outage is a retryable
 * {@code UNAVAILABLE} (or {@code THROTTLED}) and that the same handle works again once it is back.
 *
 * @since 0.1
 */
public abstract class RootKeyContract {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final List<RootKey> opened = new ArrayList<>();

    /** A fresh handle on the key under test. */
    protected abstract RootKey openRootKey();

    /** A handle on a different key of the same provider: its ciphertext must not open under {@link #openRootKey()}. */
    protected abstract RootKey openOtherRootKey();

    /**
     * Makes the backend unreachable (stop the stand-in, close the socket). The default aborts the outage
     * tests: a provider without a remote backend (a key file) cannot have an outage.
     */
    protected void takeBackendDown() {
        Assumptions.abort("this provider has no backend that can be taken down");
    }

    /** Brings the backend back after {@link #takeBackendDown()}. */
    protected void bringBackendUp() {}

    /** A ciphertext made by an earlier build of the provider, its context and plaintext; empty to skip. */
    protected Optional<Golden> golden() { return Optional.empty(); }

    /** A stored wrap: what an earlier version produced, to prove the format is still read. */
    public record Golden(WrappedKey wrapped, byte[] context, byte[] plaintext) {}

    /** The key that made {@link #golden()}; by default the key under test. Called after {@code golden()}. */
    protected RootKey openGoldenRootKey() { return openRootKey(); }

    private RootKey key() {
        RootKey k = openRootKey();
        assertNotNull(k, "open must never return null");
        opened.add(k);
        return k;
    }

    @AfterEach
    void closeOpened() {
        for (RootKey k : opened) {
            k.close();
        }
        opened.clear();
    }

    static byte[] material() {
        byte[] m = new byte[32];
        RANDOM.nextBytes(m);
        return m;
    }

    static byte[] context(String s) { return s.getBytes(StandardCharsets.US_ASCII); }

    static void assertIntegrity(Runnable r, String what) {
        KmsException e = assertThrows(KmsException.class, r::run, what);
        assertEquals(KmsException.Kind.INTEGRITY, e.kind(), what + ": " + e.getMessage());
        assertEquals("integrity check failed", e.getMessage(), "one fixed message");
    }

    @Test
    void wrap_unwrap_roundTrips() {
        RootKey key = key();
        byte[] m = material();
        byte[] ctx = context("hush/org-kek/v1|00000000-0000-0000-0000-000000000001");
        WrappedKey w = key.wrap(m, ctx);
        assertFalse(new String(w.ciphertext(), StandardCharsets.ISO_8859_1).contains(new String(m, StandardCharsets.ISO_8859_1)),
                "the wrapped form does not contain the material");
        assertArrayEquals(m, key.unwrap(w, ctx));
        assertArrayEquals(m, openRootKey().unwrap(w, ctx), "another handle on the same key unwraps it too");
    }

    @Test
    void emptyContext_roundTrips() {
        RootKey key = key();
        byte[] m = material();
        assertArrayEquals(m, key.unwrap(key.wrap(m, new byte[0]), new byte[0]));
    }

    @Test
    void unwrap_withWrongContext_failsWithIntegrity() {
        RootKey key = key();
        WrappedKey w = key.wrap(material(), context("org-a"));
        assertIntegrity(() -> key.unwrap(w, context("org-b")), "another context");
        assertIntegrity(() -> key.unwrap(w, new byte[0]), "empty context");
    }

    @Test
    void unwrap_tamperedCiphertext_failsWithIntegrity() {
        RootKey key = key();
        byte[] ctx = context("org-a");
        WrappedKey w = key.wrap(material(), ctx);
        byte[] ct = w.ciphertext();
        for (int i : new int[] {0, ct.length / 2, ct.length - 1}) {
            byte[] bad = ct.clone();
            bad[i] ^= 0x01;
            assertIntegrity(() -> key.unwrap(new WrappedKey(w.keyId(), w.keyVersion(), bad), ctx), "byte " + i + " flipped");
        }
    }

    @Test
    void unwrap_emptyOrTruncatedCiphertext_failsWithIntegrity() {
        RootKey key = key();
        byte[] ctx = context("org-a");
        WrappedKey w = key.wrap(material(), ctx);
        assertIntegrity(() -> key.unwrap(new WrappedKey(w.keyId(), w.keyVersion(), new byte[0]), ctx), "empty");
        byte[] ct = w.ciphertext();
        byte[] half = java.util.Arrays.copyOf(ct, ct.length / 2);
        assertIntegrity(() -> key.unwrap(new WrappedKey(w.keyId(), w.keyVersion(), half), ctx), "truncated");
    }

    @Test
    void unwrap_anotherKeysCiphertext_failsWithIntegrity() {
        RootKey key = key();
        RootKey other = openOtherRootKey();
        opened.add(other);
        byte[] ctx = context("org-a");
        WrappedKey foreign = other.wrap(material(), ctx);
        assertIntegrity(() -> key.unwrap(foreign, ctx), "another key's ciphertext");
    }

    @Test
    void wrappedKey_recordsKeyIdAndVersion() {
        RootKey key = key();
        WrappedKey w = key.wrap(material(), context("org-a"));
        assertEquals(key.keyId(), w.keyId(), "the id of the key that wrapped it");
        assertFalse(w.keyVersion().isBlank(), "a key version");
        assertFalse(key.keyId().isBlank());
    }

    @Test
    void goldenCiphertext_stillUnwraps() {
        Golden g = golden().orElse(null);
        Assumptions.assumeTrue(g != null, "no golden ciphertext given");
        RootKey k = openGoldenRootKey();
        opened.add(k);
        assertArrayEquals(g.plaintext(), k.unwrap(g.wrapped(), g.context()));
    }

    @Test
    void garbageInput_onlyEverThrowsKmsException() {
        RootKey key = key();
        byte[][] blobs = {new byte[1], new byte[12], new byte[64], new byte[1000]};
        for (byte[] blob : blobs) {
            RANDOM.nextBytes(blob);
            for (String version : new String[] {"1", "", "999999", "not-a-version"}) {
                try {
                    key.unwrap(new WrappedKey(key.keyId(), version, blob), context("x"));
                    fail("random bytes unwrapped");
                } catch (KmsException expected) {
                    // the only exception type allowed out
                } catch (RuntimeException e) {
                    fail("only KmsException may escape, got " + e.getClass().getName());
                }
            }
        }
    }

    @Test
    void concurrentUse_isSafe() throws Exception {
        RootKey key = key();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        byte[] m = material();
                        byte[] ctx = context("org-" + id + "-" + i);
                        assertArrayEquals(m, key.unwrap(key.wrap(m, ctx), ctx));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void close_isIdempotent() {
        RootKey key = openRootKey();
        key.close();
        key.close();
    }

    @Test
    void backendDown_isRetryableUnavailable_andTheSameHandleRecovers() {
        RootKey key = key();
        byte[] m = material();
        byte[] ctx = context("org-a");
        WrappedKey w = key.wrap(m, ctx);
        takeBackendDown();
        try {
            KmsException onWrap = assertThrows(KmsException.class, () -> key.wrap(material(), ctx));
            assertTrue(onWrap.retryable(), "an outage is retryable, got " + onWrap.kind());
            KmsException onUnwrap = assertThrows(KmsException.class, () -> key.unwrap(w, ctx));
            assertTrue(onUnwrap.retryable(), "an outage is retryable, got " + onUnwrap.kind());
            KmsException onProbe = assertThrows(KmsException.class, key::probe);
            assertTrue(onProbe.retryable(), "probe reports the outage, got " + onProbe.kind());
        } finally {
            bringBackendUp();
        }
        key.probe();
        assertArrayEquals(m, key.unwrap(w, ctx), "recovered without reopening");
    }
}
