package dev.hush.domain.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** An invitation of an e-mail address into an organization with a role; single-use, expiring. */
public record Invite(UUID id, UUID orgId, String email, Role role, byte[] tokenHash, UUID invitedBy, Instant createdAt,
                     Instant expiresAt, Optional<Instant> acceptedAt) {
    public static final Duration LIFETIME = Duration.ofDays(7);

    public Invite {
        Objects.requireNonNull(id);
        Objects.requireNonNull(orgId);
        Objects.requireNonNull(email);
        Objects.requireNonNull(role);
        Objects.requireNonNull(tokenHash);
        Objects.requireNonNull(acceptedAt);
    }

    public boolean pendingAt(Instant now) { return acceptedAt.isEmpty() && now.isBefore(expiresAt); }

    @Override
    public String toString() { return "Invite[" + id + ", " + role + "]"; }
}
