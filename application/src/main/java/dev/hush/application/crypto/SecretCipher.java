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
        int keyVersion = keyVersionChecked(blob);
        byte[] dek = keys.projectKey(place.orgId(), place.projectId(), keyVersion);
        try {
            int ct = HEADER + Aes256Gcm.NONCE_BYTES;
            byte[] plain = Aes256Gcm.open(dek, blob, HEADER, ct, blob.length - ct, aadFor.apply(keyVersion));
            return SecretValue.ofUtf8("value", plain);
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }

    /**
     * Decrypts many values of one project (a pull): one {@link javax.crypto.Cipher}, and one key lookup per data
     * key version, for the whole request. Not thread-safe; close it to wipe the keys it holds.
     */
    public final class Reader implements AutoCloseable {
        private final UUID orgId;
        private final UUID projectId;
        private final Aes256Gcm.Opener opener = new Aes256Gcm.Opener();
        private final java.util.Map<Integer, byte[]> deks = new java.util.HashMap<>();

        private Reader(UUID orgId, UUID projectId) {
            this.orgId = orgId;
            this.projectId = projectId;
        }

        /** {@link SecretCipher#decrypt}, for a place of this reader's project. */
        public SecretValue decrypt(Place place, int version, EncryptedValue encrypted) {
            if (!place.orgId().equals(orgId) || !place.projectId().equals(projectId)) {
                throw new IllegalArgumentException("a reader opens values of one project");
            }
            byte[] blob = encrypted.bytes();
            int keyVersion = keyVersionChecked(blob);
            byte[] dek = deks.computeIfAbsent(keyVersion, kv -> keys.projectKey(orgId, projectId, kv));
            int ct = HEADER + Aes256Gcm.NONCE_BYTES;
            return SecretValue.ofUtf8("value", opener.open(dek, blob, HEADER, ct, blob.length - ct, aad(place, version, keyVersion)));
        }

        @Override
        public void close() {
            deks.values().forEach(k -> Arrays.fill(k, (byte) 0));
            deks.clear();
        }
    }

    /** A {@link Reader} for values of one project. */
    public Reader reader(UUID orgId, UUID projectId) { return new Reader(orgId, projectId); }

    private static int keyVersionChecked(byte[] blob) {
        if (blob.length < HEADER + Aes256Gcm.NONCE_BYTES + Aes256Gcm.TAG_BYTES || blob[0] != FORMAT_V1) {
            throw new KeyIntegrityException();
        }
        int keyVersion = ByteBuffer.wrap(blob, 1, 4).getInt();
        if (keyVersion < 1) {
            throw new KeyIntegrityException();
        }
        return keyVersion;
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
