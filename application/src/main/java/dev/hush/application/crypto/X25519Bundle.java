package dev.hush.application.crypto;

import dev.hush.domain.Rejection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Sealed retrieval to an ephemeral X25519 key (what the CLI uses: an X25519 key pair costs microseconds,
 * an RSA-2048 one hundreds of milliseconds). The server makes a fresh X25519 key pair; the AES-256 key is
 * SHA-256("hush/retrieve/x25519/v1" ‖ shared secret ‖ client public key ‖ server public key), as libsodium's
 * {@code crypto_kx} hashes the shared secret with both public keys; the payload is the same
 * IV ‖ AES-256-GCM ‖ tag as {@link SealedBundle}. Low-order client keys are refused.
 */
public record X25519Bundle(String encryptedSecrets, String serverPublicKey) {
    public static final String ALGORITHM = "X25519-SHA256-A256GCM";
    static final byte[] DOMAIN = "hush/retrieve/x25519/v1".getBytes(StandardCharsets.US_ASCII);

    /** The client's raw 32-byte public key, base64; a 400 naming {@code field} otherwise. */
    public static byte[] parseClientKey(String field, String b64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(b64 == null ? "" : b64.strip());
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        // A low-order point is refused before anything is read (and counted, and audited).
        if (key.length == X25519Box.KEY_BYTES) {
            X25519Box.KeyPair probe = X25519Box.generate();
            var shared = X25519Box.agree(probe.privateKey(), key);
            Arrays.fill(probe.privateKey(), (byte) 0);
            if (shared.isEmpty()) {
                key = new byte[0];
            } else {
                Arrays.fill(shared.get(), (byte) 0);
            }
        }
        if (key.length != X25519Box.KEY_BYTES) {
            throw new Rejection(Rejection.Kind.INVALID, "invalid_public_key", "The public key is not usable: " + field
                    + " must be a raw X25519 public key (32 bytes, base64, not a low-order point).",
                    List.of(new Rejection.FieldError(field, "must be a usable X25519 public key, 32 bytes of base64")));
        }
        return key;
    }

    public static X25519Bundle seal(byte[] clientPublicKey, byte[] plaintext) {
        X25519Box.KeyPair server = X25519Box.generate();
        byte[] shared = X25519Box.agree(server.privateKey(), clientPublicKey).orElseThrow(() -> new Rejection(Rejection.Kind.INVALID,
                "invalid_public_key", "The public key is not usable: a low-order X25519 key.", List.of()));
        byte[] key = key(shared, clientPublicKey, server.publicKey());
        try {
            byte[] out = Aes256Gcm.sealWithNonce(key, plaintext);
            Base64.Encoder b64 = Base64.getEncoder();
            return new X25519Bundle(b64.encodeToString(out), b64.encodeToString(server.publicKey()));
        } finally {
            Arrays.fill(shared, (byte) 0);
            Arrays.fill(key, (byte) 0);
            Arrays.fill(server.privateKey(), (byte) 0);
        }
    }

    static byte[] key(byte[] shared, byte[] clientPublicKey, byte[] serverPublicKey) {
        return key(DOMAIN, shared, clientPublicKey, serverPublicKey);
    }

    /** SHA-256(domain ‖ shared secret ‖ client public key ‖ server public key); the caller wipes it. */
    static byte[] key(byte[] domain, byte[] shared, byte[] clientPublicKey, byte[] serverPublicKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(domain);
            sha.update(shared);
            sha.update(clientPublicKey);
            sha.update(serverPublicKey);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable");
        }
    }

    @Override
    public String toString() { return "X25519Bundle[" + encryptedSecrets.length() + " chars]"; }
}
