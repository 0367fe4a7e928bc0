package dev.hush.application.fakes;

import dev.hush.application.port.KeyIntegrityException;
import dev.hush.application.port.RootKeys;
import dev.hush.application.port.WrappedKeyBlob;
import dev.hush.domain.Rejection;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A root key in memory: AES-256-GCM with a random key per version, the context as associated data. {@link #rotate}
 * makes a new version (old ones still unwrap, as a KMS keeps them); {@link #down} makes every call fail as
 * an unreachable KMS does (UNAVAILABLE).
 */
public final class InMemoryRootKeys implements RootKeys {
    private final String keyId;
    private final Map<String, byte[]> versions = new ConcurrentHashMap<>();
    private volatile int current = 1;
    private volatile boolean down;
    public final AtomicInteger wraps = new AtomicInteger();
    public final AtomicInteger unwraps = new AtomicInteger();

    public InMemoryRootKeys(String keyId) {
        this.keyId = keyId;
        versions.put("1", randomKey());
    }

    @Override
    public String keyId() { return keyId; }

    public String currentVersion() { return Integer.toString(current); }

    /** The KMS rotated its key: new wraps use a new version. */
    public void rotate() {
        current++;
        versions.put(Integer.toString(current), randomKey());
    }

    public void down(boolean down) { this.down = down; }

    @Override
    public WrappedKeyBlob wrap(byte[] keyMaterial, byte[] context) {
        probe();
        wraps.incrementAndGet();
        String v = Integer.toString(current);
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        byte[] sealed = gcm(Cipher.ENCRYPT_MODE, versions.get(v), nonce, context, keyMaterial);
        byte[] out = new byte[12 + sealed.length];
        System.arraycopy(nonce, 0, out, 0, 12);
        System.arraycopy(sealed, 0, out, 12, sealed.length);
        return new WrappedKeyBlob(keyId, v, out);
    }

    @Override
    public byte[] unwrap(WrappedKeyBlob wrapped, byte[] context) {
        probe();
        unwraps.incrementAndGet();
        byte[] key = versions.get(wrapped.keyVersion());
        if (!keyId.equals(wrapped.keyId()) || key == null) {
            throw new KeyIntegrityException();
        }
        byte[] b = wrapped.ciphertext();
        if (b.length < 28) {
            throw new KeyIntegrityException();
        }
        return gcm(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(b, 12), context, java.util.Arrays.copyOfRange(b, 12, b.length));
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static byte[] randomKey() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return k;
    }

    private static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] aad, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            return c.doFinal(input);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new KeyIntegrityException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void probe() {
        if (down) {
            throw Rejection.unavailable("kms_unavailable", "The key service cannot be reached.", 5);
        }
    }
}
