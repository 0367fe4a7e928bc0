package dev.hush.domain.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** An API token's record: the SHA-256 of the token (never the token), its scope and lifetime. */
public record ApiToken(UUID id, byte[] hash, UUID userId, String name, TokenScope scope, Instant createdAt,
                       Optional<Instant> lastUsedAt, Optional<Instant> expiresAt, Optional<Instant> revokedAt) {
    public ApiToken {
        Objects.requireNonNull(id);
        Objects.requireNonNull(hash);
        Objects.requireNonNull(userId);
        Objects.requireNonNull(scope);
    }

    public boolean activeAt(Instant now) {
        return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
    }

    @Override
    public String toString() { return "ApiToken[" + id + ", " + name + "]"; }
}
