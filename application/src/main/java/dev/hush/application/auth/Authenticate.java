package dev.hush.application.auth;

import dev.hush.application.port.Credentials;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.Users;
import dev.hush.domain.access.Session;
import dev.hush.domain.access.TokenScope;
import dev.hush.domain.access.User;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Turns a session cookie or a bearer token into a {@link Caller}; expired and revoked credentials give nothing. */
public final class Authenticate {
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Credentials credentials;
    private final Users users;
    private final Transactions tx;
    private final Clock clock;
    private final java.util.Set<String> adminEmails;

    /** {@code adminEmails}: normalized addresses that are platform admins whenever they sign in (HUSH_ADMIN_EMAILS). */
    public Authenticate(Credentials credentials, Users users, Transactions tx, Clock clock, java.util.Set<String> adminEmails) {
        this.adminEmails = java.util.Set.copyOf(adminEmails);
        this.credentials = credentials;
        this.users = users;
        this.tx = tx;
        this.clock = clock;
    }

    public Optional<Caller> bySession(String cookieValue) {
        if (cookieValue == null || cookieValue.length() != 43) {
            return Optional.empty();
        }
        byte[] hash = Secrets256.digest(cookieValue);
        Instant now = clock.instant();
        Optional<Caller> caller = tx.read(() -> credentials.sessionByHash(hash)
                .filter(s -> MessageDigest.isEqual(s.hash(), hash))
                .filter(s -> s.activeAt(now))
                .flatMap(s -> users.byId(s.userId()).map(this::withAdminList).map(u -> new Caller(u, TokenScope.unrestricted(), Optional.empty(),
                        Optional.of(s.lastSeenAt())))));
        caller.filter(c -> c.lastSeen().map(last -> last.plus(TOUCH_EVERY).isBefore(now)).orElse(true))
                .ifPresent(c -> tx.write(() -> {
                    credentials.touchSession(hash, now);
                    return null;
                }));
        return caller;
    }

    public Optional<Caller> byToken(String bearer) {
        if (bearer == null || !bearer.startsWith(Secrets256.TOKEN_PREFIX) || bearer.length() != Secrets256.TOKEN_PREFIX.length() + 43) {
            return Optional.empty();
        }
        byte[] hash = Secrets256.digest(bearer);
        Instant now = clock.instant();
        // One read transaction for the common case; a write only once a minute to note the last use.
        Optional<Caller> caller = tx.read(() -> credentials.tokenByHash(hash)
                .filter(t -> MessageDigest.isEqual(t.hash(), hash))
                .filter(t -> t.activeAt(now))
                .flatMap(t -> users.byId(t.userId()).map(this::withAdminList).map(u -> new Caller(u, t.scope(), Optional.of(t.id()), t.lastUsedAt()))));
        caller.filter(c -> c.lastSeen().map(last -> last.plus(TOUCH_EVERY).isBefore(now)).orElse(true))
                .ifPresent(c -> tx.write(() -> {
                    credentials.touchToken(c.tokenId().orElseThrow(), now);
                    return null;
                }));
        return caller;
    }

    /** A listed address (HUSH_ADMIN_EMAILS) is a platform admin once its owner has verified it, not before. */
    private User withAdminList(User u) {
        return u.platformAdmin() || !adminEmails.contains(u.email()) || !users.emailVerified(u.id()) ? u
                : new User(u.id(), u.email(), u.name(), u.passwordHash(), true, u.createdAt());
    }

    /** Creates a server-side session; returns the cookie value (shown to the client only). */
    String startSession(java.util.UUID userId) {
        String value = Secrets256.random();
        Instant now = clock.instant();
        credentials.insertSession(new Session(Secrets256.digest(value), userId, now, now, now.plus(Session.ABSOLUTE)));
        return value;
    }

    public void endSession(String cookieValue) {
        if (cookieValue != null) {
            tx.write(() -> {
                credentials.deleteSession(Secrets256.digest(cookieValue));
                return null;
            });
        }
    }

}
