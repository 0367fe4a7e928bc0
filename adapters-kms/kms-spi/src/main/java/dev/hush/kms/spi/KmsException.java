package dev.hush.kms.spi;

/**
 * The only exception a provider lets escape. Messages never contain key material; an
 * {@link Kind#INTEGRITY} failure always carries the same fixed message.
 *
 * @since 0.1
 */
public final class KmsException extends RuntimeException {
    /** What went wrong, coarse enough for the core to decide between retry, 503 and alarm. */
    public enum Kind {
        UNAVAILABLE(true), THROTTLED(true), ACCESS_DENIED(false), KEY_NOT_FOUND(false), INTEGRITY(false), MISCONFIGURED(false);

        private final boolean retryable;

        Kind(boolean retryable) { this.retryable = retryable; }
    }

    private final Kind kind;

    public KmsException(Kind kind, String message, Throwable cause) {
        super(kind == Kind.INTEGRITY ? "integrity check failed" : message, cause);
        this.kind = kind;
    }

    public KmsException(Kind kind, String message) { this(kind, message, null); }

    public static KmsException integrity() { return new KmsException(Kind.INTEGRITY, null, null); }

    public Kind kind() { return kind; }

    public boolean retryable() { return kind.retryable; }
}
