package dev.hush.application.crypto;

import dev.hush.application.port.KeyIntegrityException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * A value sealed to the organization's X25519 key: the write-side twin of {@link X25519Bundle}, with the
 * same primitives, so a sealed write costs the server one X25519 exchange and one AES-256-GCM open (about a
 * tenth of a millisecond) instead of an RSA-3072 decryption (about two). The client makes a fresh X25519
 * key pair for each value; the AES-256 key is SHA-256("hush/seal/x25519/v1" ‖ shared secret ‖ ephemeral
 * public key ‖ organization public key); {@code encryptedValue} = 12-byte nonce ‖ AES-256-GCM(value) ‖
 * 16-byte tag, with associated data {@link #associatedData} naming the organization (id), project,
 * environment and key, so a sealed value opens only for the secret it was sealed for. No primitive is
 * written here: X25519 is Bouncy Castle's, AES-GCM and SHA-256 the JDK's.
 */
public final class X25519SealedValue {
    /** The same construction as retrieval's, in the other direction and with its own domain. */
    public static final String ALGORITHM = X25519Bundle.ALGORITHM;
    static final byte[] DOMAIN = "hush/seal/x25519/v1".getBytes(StandardCharsets.US_ASCII);

    private X25519SealedValue() {}

    /** What a client sends: the raw ephemeral public key and nonce ‖ ciphertext ‖ tag. */
    public record Sealed(byte[] ephemeralPublicKey, byte[] encryptedValue) {
        @Override
        public String toString() { return "X25519SealedValue.Sealed"; }
    }

    /**
     * {@code hush/seal/x25519/v1|<organization id>|<project slug>|<environment slug>|<key>} in UTF-8 (none
     * of the parts can contain {@code |}: ids, slugs and keys have no such character).
     */
    public static byte[] associatedData(UUID orgId, String project, String environment, String key) {
        return (new String(DOMAIN, StandardCharsets.US_ASCII) + "|" + orgId + "|" + project + "|" + environment + "|" + key)
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The plaintext, or empty when it does not open: another key, another place (associated data), a
     * tampered or truncated value, a malformed or low-order ephemeral key. The reasons are not told apart.
     */
    public static Optional<byte[]> open(byte[] orgPrivateKey, byte[] orgPublicKey, byte[] ephemeralPublicKey, byte[] encryptedValue,
                                        byte[] associatedData) {
        if (encryptedValue.length < Aes256Gcm.NONCE_BYTES + Aes256Gcm.TAG_BYTES) {
            return Optional.empty();
        }
        Optional<byte[]> shared = X25519Box.agree(orgPrivateKey, ephemeralPublicKey);
        if (shared.isEmpty()) {
            return Optional.empty();
        }
        byte[] key = X25519Bundle.key(DOMAIN, shared.get(), ephemeralPublicKey, orgPublicKey);
        Arrays.fill(shared.get(), (byte) 0);
        try {
            return Optional.of(Aes256Gcm.open(key, encryptedValue, 0, Aes256Gcm.NONCE_BYTES,
                    encryptedValue.length - Aes256Gcm.NONCE_BYTES, associatedData));
        } catch (KeyIntegrityException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** What a client does (the CLI has its own copy on the JDK alone); here for tests and the benchmark. */
    public static Sealed seal(byte[] orgPublicKey, byte[] plaintext, byte[] associatedData) {
        X25519Box.KeyPair ephemeral = X25519Box.generate();
        byte[] shared = X25519Box.agree(ephemeral.privateKey(), orgPublicKey)
                .orElseThrow(() -> new IllegalArgumentException("not a usable X25519 public key"));
        byte[] key = X25519Bundle.key(DOMAIN, shared, ephemeral.publicKey(), orgPublicKey);
        try {
            byte[] nonce = Aes256Gcm.nonce();
            byte[] out = Arrays.copyOf(nonce, nonce.length + plaintext.length + Aes256Gcm.TAG_BYTES);
            Aes256Gcm.seal(key, nonce, associatedData, plaintext, out, nonce.length);
            return new Sealed(ephemeral.publicKey(), out);
        } finally {
            Arrays.fill(shared, (byte) 0);
            Arrays.fill(key, (byte) 0);
            Arrays.fill(ephemeral.privateKey(), (byte) 0);
        }
    }
}
