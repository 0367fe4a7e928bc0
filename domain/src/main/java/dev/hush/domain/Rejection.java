package dev.hush.domain;

import java.util.List;
import java.util.Objects;

/**
 * An expected refusal of a request: not found, forbidden, invalid input, conflict. Every rejection has
 * a stable machine {@link #code()} that the HTTP adapter exposes unchanged. Messages never contain a
 * secret value or key material.
 */
public class Rejection extends RuntimeException {

    /** The broad class of a rejection; the web adapter maps it to an HTTP status. */
    public enum Kind { INVALID, UNAUTHENTICATED, PAYMENT_REQUIRED, FORBIDDEN, NOT_FOUND, CONFLICT, TOO_LARGE, RATE_LIMITED, UNAVAILABLE }

    /** One invalid field of a request. */
    public record FieldError(String field, String message) {
        public FieldError {
            Objects.requireNonNull(field);
            Objects.requireNonNull(message);
        }
    }

    private final Kind kind;
    private final String code;
    private final List<FieldError> errors;
    private long retryAfterSeconds;

    public Rejection(Kind kind, String code, String detail) {
        this(kind, code, detail, List.of());
    }

    public Rejection(Kind kind, String code, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.kind = Objects.requireNonNull(kind);
        this.code = Objects.requireNonNull(code);
        this.errors = List.copyOf(errors);
    }

    public Kind kind() { return kind; }

    /** Seconds after which a rate-limited or unavailable request may be retried (0 when not said). */
    public long retryAfterSeconds() { return retryAfterSeconds; }

    public static Rejection rateLimited(long retryAfterSeconds, String detail) {
        Rejection r = new Rejection(Kind.RATE_LIMITED, "rate_limited", detail);
        r.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        return r;
    }

    /**
     * A dependency is down for now (the database unreachable, its disk full): nothing was changed, and the
     * same request may succeed after {@code retryAfterSeconds}.
     */
    public static Rejection unavailable(String code, String detail, long retryAfterSeconds) {
        Rejection r = new Rejection(Kind.UNAVAILABLE, code, detail);
        r.retryAfterSeconds = Math.max(1, retryAfterSeconds);
        return r;
    }

    public String code() { return code; }

    public List<FieldError> errors() { return errors; }

    public static Rejection invalid(String field, String message) {
        return new Rejection(Kind.INVALID, "validation_failed", field + ": " + message,
                List.of(new FieldError(field, message)));
    }

    public static Rejection invalid(List<FieldError> errors) {
        return new Rejection(Kind.INVALID, "validation_failed", "The request is invalid.", errors);
    }

    public static Rejection notFound(String what) {
        return new Rejection(Kind.NOT_FOUND, what + "_not_found", "No such " + what.replace('_', ' ') + ".");
    }

    public static Rejection forbidden(String detail) {
        return new Rejection(Kind.FORBIDDEN, "forbidden", detail);
    }

    public static Rejection conflict(String code, String detail) {
        return new Rejection(Kind.CONFLICT, code, detail);
    }

    public static Rejection unauthenticated() {
        return new Rejection(Kind.UNAUTHENTICATED, "unauthenticated", "A valid session or API token is required.");
    }
}
