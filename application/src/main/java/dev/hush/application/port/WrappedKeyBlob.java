package dev.hush.application.port;

import java.util.Arrays;
import java.util.Objects;

/** A wrapped key as stored: the id and version of the key that wrapped it, and the ciphertext. */
public final class WrappedKeyBlob {
    private final String keyId;
    private final String keyVersion;
    private final byte[] ciphertext;

    public WrappedKeyBlob(String keyId, String keyVersion, byte[] ciphertext) {
        this.keyId = Objects.requireNonNull(keyId);
        this.keyVersion = Objects.requireNonNull(keyVersion);
        this.ciphertext = ciphertext.clone();
    }

    public String keyId() { return keyId; }

    public String keyVersion() { return keyVersion; }

    public byte[] ciphertext() { return ciphertext.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrappedKeyBlob w && keyId.equals(w.keyId) && keyVersion.equals(w.keyVersion) && Arrays.equals(ciphertext, w.ciphertext);
    }

    @Override
    public int hashCode() { return Objects.hash(keyId, keyVersion, Arrays.hashCode(ciphertext)); }

    @Override
    public String toString() { return "WrappedKeyBlob[" + keyId + "@" + keyVersion + "]"; }
}
