package dev.hush.application.port;

import dev.hush.domain.Rejection;

/**
 * The root of the key hierarchy (backed by a KMS provider). Wraps organization key-encryption keys only.
 * Failures: {@link Rejection} of kind UNAVAILABLE when the KMS cannot be reached (the
 * web adapter answers 503), {@link KeyIntegrityException} when a wrapped key does not open.
 */
public interface RootKeys {
    String keyId();

    WrappedKeyBlob wrap(byte[] keyMaterial, byte[] context);

    /** The caller wipes the returned array. */
    byte[] unwrap(WrappedKeyBlob wrapped, byte[] context);

    /** Throws when the KMS is not usable right now. */
    void probe();
}
