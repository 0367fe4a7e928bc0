package dev.hush.kms.spi;

/**
 * A long-lived handle on a root key; thread-safe. It wraps key material only (never secret values):
 * Hush's organization key-encryption keys.
 *
 * @since 0.1
 */
public interface RootKey extends AutoCloseable {
    /** A stable identifier of the key (for example a file fingerprint or a KMS key ARN). */
    String keyId();

    /**
     * Encrypts {@code keyMaterial} bound to {@code context}; the same context is needed to unwrap.
     * Neither argument is modified or retained.
     *
     * @throws KmsException on any failure; never another exception type
     */
    WrappedKey wrap(byte[] keyMaterial, byte[] context);

    /**
     * Decrypts a value made by {@link #wrap}. A wrong context, a tampered ciphertext or another key's
     * ciphertext fails with {@link KmsException.Kind#INTEGRITY}. The caller wipes the returned array.
     */
    byte[] unwrap(WrappedKey wrapped, byte[] context);

    /** Checks that the backend answers; throws {@link KmsException} when it does not. */
    void probe();

    /** Releases resources; idempotent. */
    @Override
    void close();
}
