package dev.hush.kms.host;

import dev.hush.application.port.KeyIntegrityException;
import dev.hush.application.port.RootKeys;
import dev.hush.application.port.WrappedKeyBlob;
import dev.hush.domain.Rejection;
import dev.hush.kms.spi.KmsException;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.spi.WrappedKey;

/**
 * The {@link RootKeys} port on a provider of the KMS SPI: translates types, and turns KMS failures into
 * what the API answers (503 while the KMS is unreachable; an integrity failure stays an integrity failure).
 */
public final class SpiRootKeys implements RootKeys, AutoCloseable {
    private final RootKey rootKey;

    public SpiRootKeys(RootKey rootKey) { this.rootKey = rootKey; }

    @Override
    public String keyId() { return rootKey.keyId(); }

    @Override
    public WrappedKeyBlob wrap(byte[] keyMaterial, byte[] context) {
        try {
            WrappedKey w = rootKey.wrap(keyMaterial, context);
            return new WrappedKeyBlob(w.keyId(), w.keyVersion(), w.ciphertext());
        } catch (KmsException e) {
            throw translate(e);
        }
    }

    @Override
    public byte[] unwrap(WrappedKeyBlob wrapped, byte[] context) {
        try {
            return rootKey.unwrap(new WrappedKey(wrapped.keyId(), wrapped.keyVersion(), wrapped.ciphertext()), context);
        } catch (KmsException e) {
            throw translate(e);
        }
    }

    @Override
    public void probe() {
        try {
            rootKey.probe();
        } catch (KmsException e) {
            throw translate(e);
        }
    }

    static RuntimeException translate(KmsException e) {
        return switch (e.kind()) {
            case INTEGRITY -> new KeyIntegrityException();
            case UNAVAILABLE, THROTTLED -> new Rejection(Rejection.Kind.UNAVAILABLE, "kms_unavailable",
                    "The key management service is unavailable; try again shortly.");
            case ACCESS_DENIED, KEY_NOT_FOUND, MISCONFIGURED -> new Rejection(Rejection.Kind.UNAVAILABLE, "kms_error",
                    "The key management service refused the request; the operator must check its configuration.");
        };
    }

    @Override
    public void close() {
        rootKey.close();
    }
}
