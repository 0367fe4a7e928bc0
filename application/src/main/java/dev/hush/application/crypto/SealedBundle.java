package dev.hush.application.crypto;

import dev.hush.application.port.KeyIntegrityException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * The sealed retrieval format (Crate's, fixed by docs/api.md): a fresh AES-256 key encrypts the payload with
 * AES-256-GCM (12-byte random IV, no associated data), and RSA-OAEP-SHA256 encrypts that key to the
 * client's public key. {@code encryptedSecrets} = base64(IV ‖ ciphertext ‖ 16-byte tag),
 * {@code encryptedKey} = base64(RSA-OAEP(client key, AES key)).
 */
public record SealedBundle(String encryptedSecrets, String encryptedKey) {
    public static SealedBundle seal(RSAPublicKey clientKey, byte[] plaintext) {
        byte[] key = Aes256Gcm.randomKey();
        try {
            byte[] out = Aes256Gcm.sealWithNonce(key, plaintext);
            Base64.Encoder b64 = Base64.getEncoder();
            return new SealedBundle(b64.encodeToString(out), b64.encodeToString(RsaOaep.encrypt(clientKey, key)));
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Opens {@code IV ‖ AES-256-GCM ciphertext ‖ tag} (no associated data) with {@code key}, then wipes the key;
     * empty when it does not open.
     */
    public static java.util.Optional<byte[]> openPayload(byte[] key, byte[] payload) {
        try {
            if (key.length != 32 || payload.length < Aes256Gcm.NONCE_BYTES + Aes256Gcm.TAG_BYTES) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(Aes256Gcm.open(key, payload, 0, Aes256Gcm.NONCE_BYTES,
                    payload.length - Aes256Gcm.NONCE_BYTES, new byte[0]));
        } catch (KeyIntegrityException e) {
            return java.util.Optional.empty();
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public String toString() { return "SealedBundle[" + encryptedSecrets.length() + " chars]"; }
}
