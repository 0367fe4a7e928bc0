package dev.hush.kms.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * Key material encrypted by a root key, with the id and version of the key that actually wrapped it
 * (so entries made by an older key version can be found and rewrapped).
 *
 * @since 0.1
 */
public final class WrappedKey {
    private final String keyId;
    private final String keyVersion;
    private final byte[] ciphertext;

    public WrappedKey(String keyId, String keyVersion, byte[] ciphertext) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.keyVersion = Objects.requireNonNull(keyVersion, "keyVersion");
        this.ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
    }

    public String keyId() { return keyId; }

    public String keyVersion() { return keyVersion; }

    public byte[] ciphertext() { return ciphertext.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrappedKey w && keyId.equals(w.keyId) && keyVersion.equals(w.keyVersion)
                && Arrays.equals(ciphertext, w.ciphertext);
    }

    @Override
    public int hashCode() { return Objects.hash(keyId, keyVersion, Arrays.hashCode(ciphertext)); }

    @Override
    public String toString() { return "WrappedKey[" + keyId + "@" + keyVersion + ", " + ciphertext.length + " bytes]"; }
}
