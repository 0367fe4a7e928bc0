package dev.hush.kms.example;

import dev.hush.kms.spi.KmsException;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.spi.WrappedKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM under the derived key: nonce (12) ‖ ciphertext ‖ tag, the context as associated data. */
final class PassphraseRootKey implements RootKey {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;
    private final String keyId;
    private volatile boolean closed;

    PassphraseRootKey(byte[] material) {
        this.key = new SecretKeySpec(material, "AES");
        try {
            byte[] id = MessageDigest.getInstance("SHA-256").digest(("example-key-id|" + HexFormat.of().formatHex(material))
                    .getBytes(StandardCharsets.US_ASCII));
            this.keyId = "example:" + HexFormat.of().formatHex(id, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED, "SHA-256 unavailable", e);
        }
    }

    @Override
    public String keyId() { return keyId; }

    @Override
    public WrappedKey wrap(byte[] keyMaterial, byte[] context) {
        check();
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(context);
            byte[] ct = c.doFinal(keyMaterial);
            byte[] out = Arrays.copyOf(nonce, 12 + ct.length);
            System.arraycopy(ct, 0, out, 12, ct.length);
            return new WrappedKey(keyId, "1", out);
        } catch (GeneralSecurityException e) {
            throw new KmsException(KmsException.Kind.MISCONFIGURED, "AES-GCM failed", e);
        }
    }

    @Override
    public byte[] unwrap(WrappedKey wrapped, byte[] context) {
        check();
        byte[] blob = wrapped.ciphertext();
        if (!keyId.equals(wrapped.keyId()) || blob.length < 28) {
            throw KmsException.integrity();
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, blob, 0, 12));
            c.updateAAD(context);
            return c.doFinal(blob, 12, blob.length - 12);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw KmsException.integrity();
        }
    }

    @Override
    public void probe() { check(); }

    private void check() {
        if (closed) {
            throw new KmsException(KmsException.Kind.UNAVAILABLE, "root key is closed");
        }
    }

    @Override
    public void close() { closed = true; }
}
