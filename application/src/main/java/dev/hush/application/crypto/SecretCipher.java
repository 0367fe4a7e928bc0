package dev.hush.application.crypto;

import dev.hush.application.port.KeyIntegrityException;
import dev.hush.domain.secret.EncryptedValue;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.SecretValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * Encrypts secret values under a project data key. Envelope format v1:
 * <pre>
 *   byte    format = 0x01
 *   int32   data key version (big-endian)
 *   byte[12] nonce (random)
 *   byte[n+16] AES-256-GCM ciphertext and tag
 * </pre>
 * The associated data is {@code hush/value/v1|org|project|environment|key|version|keyVersion}: a
 * ciphertext copied to any other row, version or key version fails to open.
 */
public final class SecretCipher {
    static final byte FORMAT_V1 = 1;
    static final int HEADER = 1 + 4;

    private final KeyHierarchy keys;

    public SecretCipher(KeyHierarchy keys) { this.keys = keys; }

    /** Where a value lives; bound into its ciphertext. */
    public record Place(UUID orgId, UUID projectId, UUID environmentId, SecretKey key) {}

    public EncryptedValue encrypt(Place place, int version, int keyVersion, SecretValue value) {
        return encrypt(place, keyVersion, value, aad(place, version, keyVersion));
    }

    /** A personal (principal-scoped) value of {@code userId}: the user is bound into the associated data. */
    public EncryptedValue encryptPersonal(Place place, UUID userId, int keyVersion, SecretValue value) {
        return encrypt(place, keyVersion, value, personalAad(place, userId, keyVersion));
    }

    public SecretValue decryptPersonal(Place place, UUID userId, EncryptedValue encrypted) {
        return decrypt(place, encrypted, kv -> personalAad(place, userId, kv));
    }

    private EncryptedValue encrypt(Place place, int keyVersion, SecretValue value, byte[] aad) {
        byte[] dek = keys.projectKey(place.orgId(), place.projectId(), keyVersion);
        byte[] plain = value.utf8();
        try {
            byte[] nonce = Aes256Gcm.nonce();
            byte[] out = new byte[HEADER + Aes256Gcm.NONCE_BYTES + plain.length + Aes256Gcm.TAG_BYTES];
            ByteBuffer.wrap(out).put(FORMAT_V1).putInt(keyVersion).put(nonce);
            Aes256Gcm.seal(dek, nonce, aad, plain, out, HEADER + Aes256Gcm.NONCE_BYTES);
            return new EncryptedValue(out);
        } finally {
            Arrays.fill(dek, (byte) 0);
            Arrays.fill(plain, (byte) 0);
        }
    }

    public SecretValue decrypt(Place place, int version, EncryptedValue encrypted) {
        return decrypt(place, encrypted, kv -> aad(place, version, kv));
    }

    private SecretValue decrypt(Place place, EncryptedValue encrypted, java.util.function.IntFunction<byte[]> aadFor) {
        byte[] blob = encrypted.bytes();
        if (blob.length < HEADER + Aes256Gcm.NONCE_BYTES + Aes256Gcm.TAG_BYTES || blob[0] != FORMAT_V1) {
            throw new KeyIntegrityException();
        }
        int keyVersion = ByteBuffer.wrap(blob, 1, 4).getInt();
        if (keyVersion < 1) {
            throw new KeyIntegrityException();
        }
        byte[] dek = keys.projectKey(place.orgId(), place.projectId(), keyVersion);
        try {
            int ct = HEADER + Aes256Gcm.NONCE_BYTES;
            byte[] plain = Aes256Gcm.open(dek, blob, HEADER, ct, blob.length - ct, aadFor.apply(keyVersion));
            return SecretValue.ofUtf8("value", plain);
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }

    /** The data key version an envelope was made with. */
    public static int keyVersionOf(EncryptedValue encrypted) {
        return ByteBuffer.wrap(encrypted.bytes(), 1, 4).getInt();
    }

    static byte[] personalAad(Place place, UUID userId, int keyVersion) {
        return ("hush/personal-value/v1|" + place.orgId() + "|" + place.projectId() + "|" + place.environmentId() + "|"
                + place.key().value() + "|" + userId + "|" + keyVersion).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] aad(Place place, int version, int keyVersion) {
        // Keys cannot contain '|', ids are fixed-width UUIDs: the joined form is unambiguous.
        return ("hush/value/v1|" + place.orgId() + "|" + place.projectId() + "|" + place.environmentId() + "|"
                + place.key().value() + "|" + version + "|" + keyVersion).getBytes(StandardCharsets.UTF_8);
    }
}
