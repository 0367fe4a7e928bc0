package dev.hush.application.crypto;

import dev.hush.application.port.KeyIntegrityException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM from the JDK provider, 96-bit random nonces, 128-bit tags. Failures to open are uniform. */
final class Aes256Gcm {
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Aes256Gcm() {}

    static byte[] nonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** Encrypts into {@code out} at {@code outOffset}; returns the number of bytes written (plaintext + tag). */
    static int seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, byte[] out, int outOffset) {
        return seal(newCipher(), key, nonce, aad, plaintext, out, outOffset);
    }

    /**
     * As {@link #seal(byte[], byte[], byte[], byte[], byte[], int)} with a cipher the caller reuses (one per
     * thread: a {@link Cipher} is not thread-safe). Each call initializes it afresh with its key and nonce.
     */
    static int seal(Cipher cipher, byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, byte[] out, int outOffset) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(plaintext, 0, plaintext.length, out, outOffset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e.getClass().getSimpleName());
        }
    }

    /** A new AES-GCM cipher of the JDK provider, for {@link #seal(Cipher, byte[], byte[], byte[], byte[], byte[], int)} and {@link #open(Cipher, byte[], byte[], int, int, int, byte[])}. */
    static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e.getClass().getSimpleName());
        }
    }

    /** A fresh random nonce, then the ciphertext and tag of {@code plaintext} (no associated data): nonce ‖ ciphertext ‖ tag. */
    static byte[] sealWithNonce(byte[] key, byte[] plaintext) {
        byte[] nonce = nonce();
        byte[] out = new byte[nonce.length + plaintext.length + TAG_BYTES];
        System.arraycopy(nonce, 0, out, 0, nonce.length);
        seal(key, nonce, new byte[0], plaintext, out, nonce.length);
        return out;
    }

    static byte[] open(byte[] key, byte[] input, int nonceOffset, int ctOffset, int ctLength, byte[] aad) {
        return open(newCipher(), key, input, nonceOffset, ctOffset, ctLength, aad);
    }

    /** As {@link #open(byte[], byte[], int, int, int, byte[])} with a cipher the caller reuses (one per thread). */
    static byte[] open(Cipher cipher, byte[] key, byte[] input, int nonceOffset, int ctOffset, int ctLength, byte[] aad) {
        try {
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, input, nonceOffset, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(input, ctOffset, ctLength);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Bad tag, wrong key, wrong associated data, truncated input: all the same to a caller.
            throw new KeyIntegrityException();
        }
    }
}
