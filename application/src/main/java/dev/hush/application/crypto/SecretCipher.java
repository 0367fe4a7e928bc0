package dev.hush.application.crypto;

import dev.hush.application.port.KeyIntegrityException;
import dev.hush.domain.secret.EncryptedValue;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.SecretValue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
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
            return seal(Aes256Gcm.newCipher(), dek, keyVersion, aad, plain);
        } finally {
            Arrays.fill(dek, (byte) 0);
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** The v1 envelope of {@code plain} under {@code dek}, data key version {@code keyVersion}. */
    private static EncryptedValue seal(javax.crypto.Cipher cipher, byte[] dek, int keyVersion, byte[] aad, byte[] plain) {
        byte[] nonce = Aes256Gcm.nonce();
        byte[] out = new byte[HEADER + Aes256Gcm.NONCE_BYTES + plain.length + Aes256Gcm.TAG_BYTES];
        ByteBuffer.wrap(out).put(FORMAT_V1).putInt(keyVersion).put(nonce);
        Aes256Gcm.seal(cipher, dek, nonce, aad, plain, out, HEADER + Aes256Gcm.NONCE_BYTES);
        return new EncryptedValue(out);
    }

    public SecretValue decrypt(Place place, int version, EncryptedValue encrypted) {
        return decrypt(place, encrypted, kv -> aad(place, version, kv));
    }

    private SecretValue decrypt(Place place, EncryptedValue encrypted, java.util.function.IntFunction<byte[]> aadFor) {
        byte[] blob = encrypted.bytes();
        int keyVersion = checkedKeyVersion(blob);
        byte[] dek = keys.projectKey(place.orgId(), place.projectId(), keyVersion);
        try {
            return SecretValue.ofUtf8("value", open(Aes256Gcm.newCipher(), dek, blob, aadFor.apply(keyVersion)));
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }

    /** The data key version of a well-formed v1 envelope; {@link KeyIntegrityException} for anything else. */
    private static int checkedKeyVersion(byte[] blob) {
        if (blob.length < HEADER + Aes256Gcm.NONCE_BYTES + Aes256Gcm.TAG_BYTES || blob[0] != FORMAT_V1) {
            throw new KeyIntegrityException();
        }
        int keyVersion = ByteBuffer.wrap(blob, 1, 4).getInt();
        if (keyVersion < 1) {
            throw new KeyIntegrityException();
        }
        return keyVersion;
    }

    /** The plaintext of a v1 envelope (already checked) under {@code dek}; the caller wipes it. */
    private static byte[] open(javax.crypto.Cipher cipher, byte[] dek, byte[] blob, byte[] aad) {
        int ct = HEADER + Aes256Gcm.NONCE_BYTES;
        return Aes256Gcm.open(cipher, dek, blob, HEADER, ct, blob.length - ct, aad);
    }

    /**
     * Decrypts many values of one project (a pull): one {@link javax.crypto.Cipher}, and one key lookup per data
     * key version, for the whole request. Not thread-safe; close it to wipe the keys it holds.
     */
    public final class Reader implements AutoCloseable {
        private final UUID orgId;
        private final UUID projectId;
        private final javax.crypto.Cipher cipher = Aes256Gcm.newCipher();
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
            int keyVersion = checkedKeyVersion(blob);
            byte[] dek = deks.computeIfAbsent(keyVersion, kv -> keys.projectKey(orgId, projectId, kv));
            return SecretValue.ofUtf8("value", open(cipher, dek, blob, aad(place, version, keyVersion)));
        }

        @Override
        public void close() {
            deks.values().forEach(k -> Arrays.fill(k, (byte) 0));
            deks.clear();
        }
    }

    /** A {@link Reader} for values of one project. */
    public Reader reader(UUID orgId, UUID projectId) { return new Reader(orgId, projectId); }

    /** The data key version an envelope was made with. */
    public static int keyVersionOf(EncryptedValue encrypted) {
        return ByteBuffer.wrap(encrypted.bytes(), 1, 4).getInt();
    }

    /**
     * Starts re-encrypting values of one project to data key version {@code toVersion} (a project key
     * rotation): the data keys of {@code toVersion} and of every version in {@code fromVersions} are loaded
     * now, on the calling thread (inside its transaction, as a cache miss reads them from the store), so the
     * {@link Rekeying} itself does no I/O and its copies can run on other threads. Versions outside
     * {@code fromVersions} fail to open with {@link KeyIntegrityException}.
     */
    public Rekeying rekeying(UUID orgId, UUID projectId, java.util.Collection<Integer> fromVersions, int toVersion) {
        java.util.Map<Integer, byte[]> deks = new java.util.HashMap<>();
        try {
            for (int v : new java.util.TreeSet<>(fromVersions)) {
                deks.put(v, keys.projectKey(orgId, projectId, v));
            }
            if (!deks.containsKey(toVersion)) {
                deks.put(toVersion, keys.projectKey(orgId, projectId, toVersion));
            }
            return new Rekeying(orgId, projectId, Set.copyOf(fromVersions), deks, toVersion);
        } catch (RuntimeException e) {
            deks.values().forEach(k -> Arrays.fill(k, (byte) 0));
            throw e;
        }
    }

    /**
     * Opens values of one project and seals them again under one data key version, with the same envelope
     * and associated data as {@link #encrypt}/{@link #decrypt}. Holds the data keys (wiped on {@link #close})
     * and one {@link javax.crypto.Cipher}: not thread-safe; give each thread its own {@link #copy()}.
     */
    public static final class Rekeying implements AutoCloseable {
        private final UUID orgId;
        private final UUID projectId;
        private final Set<Integer> fromVersions;
        private final java.util.Map<Integer, byte[]> deks;
        private final int toVersion;
        private final javax.crypto.Cipher cipher = Aes256Gcm.newCipher();

        private Rekeying(UUID orgId, UUID projectId, Set<Integer> fromVersions, java.util.Map<Integer, byte[]> deks, int toVersion) {
            this.orgId = orgId;
            this.projectId = projectId;
            this.fromVersions = fromVersions;
            this.deks = deks;
            this.toVersion = toVersion;
        }

        /** The value {@code encrypted} of version {@code version} at {@code place}, sealed again under the target version. */
        public EncryptedValue reencrypt(Place place, int version, EncryptedValue encrypted) {
            check(place);
            return reseal(encrypted, kv -> aad(place, version, kv));
        }

        /** The personal value of {@code userId} at {@code place}, sealed again under the target version. */
        public EncryptedValue reencryptPersonal(Place place, UUID userId, EncryptedValue encrypted) {
            check(place);
            return reseal(encrypted, kv -> personalAad(place, userId, kv));
        }

        private EncryptedValue reseal(EncryptedValue encrypted, java.util.function.IntFunction<byte[]> aadFor) {
            byte[] blob = encrypted.bytes();
            int keyVersion = checkedKeyVersion(blob);
            byte[] from = fromVersions.contains(keyVersion) ? deks.get(keyVersion) : null;
            if (from == null) {
                throw new KeyIntegrityException();
            }
            byte[] plain = open(cipher, from, blob, aadFor.apply(keyVersion));
            try {
                return seal(cipher, deks.get(toVersion), toVersion, aadFor.apply(toVersion), plain);
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        }

        private void check(Place place) {
            if (!place.orgId().equals(orgId) || !place.projectId().equals(projectId)) {
                throw new IllegalArgumentException("a value of another project");
            }
            if (deks.isEmpty()) {
                throw new IllegalStateException("closed");
            }
        }

        /** The same keys and target with a cipher of its own, for another thread; close it too. */
        public Rekeying copy() {
            java.util.Map<Integer, byte[]> copies = new java.util.HashMap<>();
            deks.forEach((v, k) -> copies.put(v, k.clone()));
            return new Rekeying(orgId, projectId, fromVersions, copies, toVersion);
        }

        @Override
        public void close() {
            deks.values().forEach(k -> Arrays.fill(k, (byte) 0));
            deks.clear();
        }

        @Override
        public String toString() { return "Rekeying[project " + projectId + " to key version " + toVersion + "]"; }
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
