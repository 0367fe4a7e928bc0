package dev.hush.application.port;

/** A stored ciphertext or wrapped key failed its integrity check. One fixed message, no detail. */
public final class KeyIntegrityException extends RuntimeException {
    public KeyIntegrityException() {
        super("integrity check failed", null, false, false);
    }
}
