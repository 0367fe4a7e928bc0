package dev.hush.application.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hush.application.port.CredentialChanges;
import dev.hush.application.port.Credentials;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.Users;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.ApiToken;
import dev.hush.domain.access.Session;
import dev.hush.domain.access.TokenScope;
import dev.hush.domain.access.User;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns a session cookie or a bearer token into a {@link Caller}; expired and revoked credentials give nothing.
 *
 * <p>API tokens (with their users) are kept in a per-node cache, so a request with a known token costs no
 * database round trip. It cannot outlive a revocation: every node forgets a token as soon as its revocation
 * commits ({@link CredentialChanges}, PostgreSQL {@code NOTIFY}); the cache is off while that feed is down; and
 * every audited action and value read checks, in its own audit statement, that the token is still active
 * ({@link dev.hush.application.audit.Audit#record}), so even a change still in flight cannot release a value.
 * Expiry is checked on every request. Sessions are looked up every time.
 */
public final class Authenticate {
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    /** The longest a token stays cached, even with the change feed up. */
    private static final Duration CACHE_FOR = Duration.ofMinutes(5);

    private final Credentials credentials;
    private final Users users;
    private final Transactions tx;
    private final Clock clock;
    private final java.util.Set<String> adminEmails;
    private final CredentialChanges changes;
    private final Cache<String, Known> tokens = Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(CACHE_FOR).build();

    /** A token and its user as read, and when its use was last noted. */
    private record Known(ApiToken token, User user, Optional<Instant> lastUsed) {}

    /** {@code adminEmails}: normalized addresses that are platform admins whenever they sign in (HUSH_ADMIN_EMAILS). */
    public Authenticate(Credentials credentials, Users users, Transactions tx, Clock clock, java.util.Set<String> adminEmails,
                        CredentialChanges changes) {
        this.adminEmails = java.util.Set.copyOf(adminEmails);
        this.credentials = credentials;
        this.users = users;
        this.tx = tx;
        this.clock = clock;
        this.changes = changes;
        changes.subscribe(this::forget);
    }

    /** Moves on with every change heard: a token read before a change is not cached after it. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    private synchronized void forget(CredentialChanges.Change change) {
        generation.incrementAndGet();
        if (change.token().isEmpty() && change.user().isEmpty()) {
            tokens.invalidateAll();
            return;
        }
        tokens.asMap().values().removeIf(k -> change.token().map(k.token().id()::equals).orElse(false)
                || change.user().map(k.user().id()::equals).orElse(false));
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

    /**
     * The caller an {@code Authorization} value names: {@code Bearer <API token>} ("Bearer" in any case), from
     * {@code client}; else 401. Every driving adapter (REST, gRPC, Connect) authenticates a bearer through this.
     */
    public Caller byAuthorization(String authorization, Client client) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw Rejection.unauthenticated();
        }
        return byToken(authorization.substring(7).strip()).orElseThrow(Rejection::unauthenticated).from(client);
    }

    public Optional<Caller> byToken(String bearer) {
        if (bearer == null || !bearer.startsWith(Secrets256.TOKEN_PREFIX) || bearer.length() != Secrets256.TOKEN_PREFIX.length() + 43) {
            return Optional.empty();
        }
        byte[] hash = Secrets256.digest(bearer);
        String key = java.util.HexFormat.of().formatHex(hash);
        Instant now = clock.instant();
        boolean cached = changes.live();
        Known known = cached ? tokens.getIfPresent(key) : null;
        if (known == null) {
            long before = generation.get();
            known = tx.read(() -> credentials.tokenByHash(hash)
                    .filter(t -> MessageDigest.isEqual(t.hash(), hash))
                    .flatMap(t -> users.byId(t.userId()).map(this::withAdminList).map(u -> new Known(t, u, t.lastUsedAt())))).orElse(null);
            if (known == null || !known.token().activeAt(now)) {
                return Optional.empty();
            }
            if (cached) {
                remember(key, known, before);
            }
        }
        if (!known.token().activeAt(now)) {
            tokens.invalidate(key);
            return Optional.empty();
        }
        Known k = known;
        if (k.lastUsed().map(last -> last.plus(TOUCH_EVERY).isBefore(now)).orElse(true)) {
            // A write only once a minute, to note the last use.
            tx.write(() -> {
                credentials.touchToken(k.token().id(), now);
                return null;
            });
            tokens.asMap().replace(key, k, new Known(k.token(), k.user(), Optional.of(now)));
        }
        return Optional.of(new Caller(k.user(), k.token().scope(), Optional.of(k.token().id()), k.lastUsed()));
    }

    /** Caches a token read while no change was heard (checked under the lock that {@link #forget} holds). */
    private synchronized void remember(String key, Known known, long readAfterGeneration) {
        if (changes.live() && generation.get() == readAfterGeneration) {
            tokens.put(key, known);
        }
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
