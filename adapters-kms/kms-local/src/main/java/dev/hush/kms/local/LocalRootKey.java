package dev.hush.kms.local;

import dev.hush.kms.spi.KmsException;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.spi.WrappedKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with the JDK provider. Wrapped form: 12-byte random nonce, then ciphertext and 16-byte
 * tag; the context is the associated data. The key id is derived from the key by HMAC, so a replaced
 * key file is detected without revealing the key.
 */
final class LocalRootKey implements RootKey {
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyId;
    private volatile boolean closed;

    LocalRootKey(byte[] material) {
        this.key = new SecretKeySpec(material, "AES");
        this.keyId = "local:" + fingerprint(material);
    }

    private static String fingerprint(byte[] material) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(material, "HmacSHA256"));
            byte[] id = mac.doFinal("hush-root-key-id".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(id, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED, "HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String keyId() { return keyId; }

    @Override
    public WrappedKey wrap(byte[] keyMaterial, byte[] context) {
        ensureOpen();
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context);
            byte[] ct = cipher.doFinal(keyMaterial);
            return new WrappedKey(keyId, "1", ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED, "AES-GCM failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public byte[] unwrap(WrappedKey wrapped, byte[] context) {
        ensureOpen();
        byte[] blob = wrapped.ciphertext();
        if (!keyId.equals(wrapped.keyId()) || blob.length < NONCE + TAG_BITS / 8) {
            throw KmsException.integrity();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 0, NONCE));
            cipher.updateAAD(context);
            return cipher.doFinal(blob, NONCE, blob.length - NONCE);
        } catch (AEADBadTagException e) {
            throw KmsException.integrity();
        } catch (GeneralSecurityException e) {
            throw KmsException.integrity();
        } finally {
            Arrays.fill(blob, (byte) 0);
        }
    }

    @Override
    public void probe() { ensureOpen(); }

    private void ensureOpen() {
        if (closed) {
            throw new KmsException(KmsException.Kind.UNAVAILABLE, "root key is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() { return "LocalRootKey[" + keyId + "]"; }
}
