package dev.hush.application.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.modes.XChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * The Poliglot box, as Poliglot's published client does it with libsodium: X25519 key agreement, the
 * shared key is BLAKE2b-256 (unkeyed, {@code crypto_generichash} with 32-byte output) of the raw X25519
 * shared secret, and the value is sealed with XChaCha20-Poly1305-IETF
 * ({@code crypto_aead_xchacha20poly1305_ietf}): 24-byte random nonce, no associated data, 16-byte tag.
 * Bouncy Castle's lightweight API; no primitive is written here.
 */
public final class X25519Box {
    public static final String ALGORITHM = "X25519-XChaCha20-Poly1305";
    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 24;
    static final int TAG_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private X25519Box() {}

    /** An X25519 key pair; the caller wipes {@code privateKey} when done. */
    public record KeyPair(byte[] privateKey, byte[] publicKey) {
        @Override
        public String toString() { return "X25519KeyPair"; }
    }

    public record Sealed(byte[] ciphertext, byte[] nonce) {}

    public static KeyPair generate() {
        X25519PrivateKeyParameters priv = new X25519PrivateKeyParameters(RANDOM);
        return new KeyPair(priv.getEncoded(), priv.generatePublicKey().getEncoded());
    }

    /** BLAKE2b-256 of the X25519 shared secret; empty for a low-order peer key (an all-zero shared secret). */
    public static Optional<byte[]> sharedKey(byte[] privateKey, byte[] peerPublicKey) {
        Optional<byte[]> raw = agree(privateKey, peerPublicKey);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        byte[] shared = raw.get();
        try {
            return Optional.of(blake2b256(shared));
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }

    /** The raw X25519 shared secret; empty for a malformed or low-order peer key. The caller wipes it. */
    static Optional<byte[]> agree(byte[] privateKey, byte[] peerPublicKey) {
        if (privateKey.length != KEY_BYTES || peerPublicKey.length != KEY_BYTES) {
            return Optional.empty();
        }
        byte[] shared = new byte[KEY_BYTES];
        try {
            X25519Agreement agreement = new X25519Agreement();
            agreement.init(new X25519PrivateKeyParameters(privateKey, 0));
            agreement.calculateAgreement(new X25519PublicKeyParameters(peerPublicKey, 0), shared, 0);
            return Optional.of(shared);
        } catch (IllegalStateException lowOrder) {
            return Optional.empty();
        }
    }

    static byte[] blake2b256(byte[] input) {
        Blake2bDigest digest = new Blake2bDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    public static Sealed seal(byte[] key, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return new Sealed(seal(key, nonce, plaintext), nonce);
    }

    static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext) {
        return seal(key, nonce, new byte[0], plaintext);
    }

    /** With associated data: only for the published test vector, which has some; Poliglot's box has none. */
    static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        XChaCha20Poly1305 aead = new XChaCha20Poly1305();
        aead.init(true, new AEADParameters(new KeyParameter(key), TAG_BYTES * 8, nonce, aad));
        byte[] out = new byte[aead.getOutputSize(plaintext.length)];
        int n = aead.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            aead.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("XChaCha20-Poly1305 failed");
        }
        return out;
    }

    /** The plaintext, or empty when the ciphertext does not open (bad tag, wrong key, malformed). */
    public static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] ciphertext) {
        return open(key, nonce, new byte[0], ciphertext);
    }

    static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext) {
        if (key.length != KEY_BYTES || nonce.length != NONCE_BYTES || ciphertext.length < TAG_BYTES) {
            return Optional.empty();
        }
        try {
            XChaCha20Poly1305 aead = new XChaCha20Poly1305();
            aead.init(false, new AEADParameters(new KeyParameter(key), TAG_BYTES * 8, nonce, aad));
            byte[] out = new byte[aead.getOutputSize(ciphertext.length)];
            int n = aead.processBytes(ciphertext, 0, ciphertext.length, out, 0);
            aead.doFinal(out, n);
            return Optional.of(out);
        } catch (InvalidCipherTextException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
