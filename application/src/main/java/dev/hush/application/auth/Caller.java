package dev.hush.application.auth;

import dev.hush.domain.access.TokenScope;
import dev.hush.domain.access.User;
import java.security.Principal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;

/**
 * The authenticated party of a request: a user, through a session or through one of their API tokens.
 * {@code lastSeen} is when the credential was last noted as used (before this request). A caller lives for
 * one request: {@code metered} holds the organizations this request was already counted for. It is the
 * request's {@link Principal} (named by the user's id), which is also how HTTP adapters take it as a parameter
 * without documenting it as an input.
 */
public record Caller(User user, TokenScope scope, Optional<UUID> tokenId, Optional<Instant> lastSeen, Client client, Set<UUID> metered)
        implements Principal {
    public Caller {
        Objects.requireNonNull(user);
        Objects.requireNonNull(scope);
        Objects.requireNonNull(tokenId);
        Objects.requireNonNull(lastSeen);
        Objects.requireNonNull(client);
        Objects.requireNonNull(metered);
    }

    public Caller(User user, TokenScope scope, Optional<UUID> tokenId, Optional<Instant> lastSeen) {
        this(user, scope, tokenId, lastSeen, Client.UNKNOWN, ConcurrentHashMap.newKeySet());
    }

    /** The user's id. */
    @Override
    public String getName() { return user.id().toString(); }

    /** This caller (the same request), seen from {@code from}. */
    public Caller from(Client from) {
        return new Caller(user, scope, tokenId, lastSeen, from, metered);
    }

    /** Whether this request was already counted for the organization. */
    public boolean chargedFor(UUID orgId) { return metered.contains(orgId); }

    /** Notes that this request is counted for the organization; false if it already was. */
    public boolean markCharged(UUID orgId) { return metered.add(orgId); }

    public UUID userId() { return user.id(); }

    public boolean viaToken() { return tokenId.isPresent(); }
}
