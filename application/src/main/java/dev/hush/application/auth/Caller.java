package dev.hush.application.auth;

import dev.hush.domain.access.TokenScope;
import dev.hush.domain.access.User;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The authenticated party of a request: a user, through a session or through one of their API tokens.
 * {@code lastSeen} is when the credential was last noted as used (before this request).
 */
public record Caller(User user, TokenScope scope, Optional<UUID> tokenId, Optional<Instant> lastSeen) {
    public Caller {
        Objects.requireNonNull(user);
        Objects.requireNonNull(scope);
        Objects.requireNonNull(tokenId);
        Objects.requireNonNull(lastSeen);
    }

    public UUID userId() { return user.id(); }

    public boolean viaToken() { return tokenId.isPresent(); }
}
