package dev.hush.domain.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A dashboard login, found by the hash of its cookie value. Ends at {@code expiresAt} or after idling. */
public record Session(byte[] hash, UUID userId, Instant createdAt, Instant lastSeenAt, Instant expiresAt) {
    public static final Duration ABSOLUTE = Duration.ofDays(7);
    public static final Duration IDLE = Duration.ofHours(12);

    public Session {
        Objects.requireNonNull(hash);
        Objects.requireNonNull(userId);
    }

    public boolean activeAt(Instant now) {
        return now.isBefore(expiresAt) && now.isBefore(lastSeenAt.plus(IDLE));
    }

    @Override
    public String toString() { return "Session[user=" + userId + "]"; }
}
