package dev.hush.application.auth;

import dev.hush.domain.access.TokenScope;
import dev.hush.domain.access.User;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The authenticated party of a request: a user, through a session or through one of their API tokens. */
public record Caller(User user, TokenScope scope, Optional<UUID> tokenId) {
    public Caller {
        Objects.requireNonNull(user);
        Objects.requireNonNull(scope);
        Objects.requireNonNull(tokenId);
    }

    public UUID userId() { return user.id(); }

    public boolean viaToken() { return tokenId.isPresent(); }
}
