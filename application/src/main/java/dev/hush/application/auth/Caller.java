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
public record Caller(User user, TokenScope scope, Optional<UUID> tokenId, Optional<Instant> lastSeen, Client client) {
    public Caller {
        Objects.requireNonNull(user);
        Objects.requireNonNull(scope);
        Objects.requireNonNull(tokenId);
        Objects.requireNonNull(lastSeen);
        Objects.requireNonNull(client);
    }

    public Caller(User user, TokenScope scope, Optional<UUID> tokenId, Optional<Instant> lastSeen) {
        this(user, scope, tokenId, lastSeen, Client.UNKNOWN);
    }

    /** This caller, seen from {@code from}. */
    public Caller from(Client from) {
        return new Caller(user, scope, tokenId, lastSeen, from);
    }

    public UUID userId() { return user.id(); }

    public boolean viaToken() { return tokenId.isPresent(); }
}
