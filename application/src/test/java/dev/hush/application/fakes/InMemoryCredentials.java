package dev.hush.application.fakes;

import dev.hush.application.port.Credentials;
import dev.hush.domain.access.ApiToken;
import dev.hush.domain.access.Session;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Sessions, account tokens and API tokens, keyed by the hex of their hash. */
public final class InMemoryCredentials extends InMemoryStore implements Credentials, dev.hush.application.port.CredentialChanges {
    private final java.util.List<java.util.function.Consumer<Change>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean live = true;

    @Override
    public void subscribe(java.util.function.Consumer<Change> listener) { listeners.add(listener); }

    @Override
    public boolean live() { return live; }

    /** Test hook: the change feed goes down (caches must not be used) or comes back. */
    public void feedLive(boolean up) {
        live = up;
        listeners.forEach(l -> l.accept(Change.EVERYTHING));
    }

    /** A single-use account token as stored. */
    public record AccountToken(UUID userId, String purpose, Instant createdAt, Instant expiresAt, Optional<Instant> usedAt) {}

    private final Map<String, Session> sessions = table();
    private final Map<String, AccountToken> accountTokens = table();
    private final Map<UUID, ApiToken> tokens = table();

    public InMemoryCredentials(FakeTransactions tx) { super(tx); }

    private static String hex(byte[] hash) { return HexFormat.of().formatHex(hash); }

    @Override
    public void insertSession(Session session) {
        writing();
        sessions.put(hex(session.hash()), session);
    }

    @Override
    public Optional<Session> sessionByHash(byte[] hash) {
        reading();
        return Optional.ofNullable(sessions.get(hex(hash)));
    }

    @Override
    public void deleteSession(byte[] hash) {
        writing();
        sessions.remove(hex(hash));
    }

    @Override
    public void insertAccountToken(byte[] hash, UUID userId, String purpose, Instant now, Instant expiresAt) {
        writing();
        accountTokens.put(hex(hash), new AccountToken(userId, purpose, now, expiresAt, Optional.empty()));
    }

    @Override
    public Optional<UUID> useAccountToken(byte[] hash, String purpose, Instant now) {
        writing();
        AccountToken t = accountTokens.get(hex(hash));
        if (t == null || !t.purpose().equals(purpose) || t.usedAt().isPresent() || !now.isBefore(t.expiresAt())) {
            return Optional.empty();
        }
        accountTokens.put(hex(hash), new AccountToken(t.userId(), t.purpose(), t.createdAt(), t.expiresAt(), Optional.of(now)));
        return Optional.of(t.userId());
    }

    @Override
    public void deleteSessionsOf(UUID userId) {
        writing();
        sessions.values().removeIf(s -> s.userId().equals(userId));
    }

    @Override
    public void touchSession(byte[] hash, Instant now) {
        writing();
        sessions.computeIfPresent(hex(hash), (k, s) -> new Session(s.hash(), s.userId(), s.createdAt(), now, s.expiresAt()));
    }

    @Override
    public void insertToken(ApiToken token) {
        writing();
        tokens.put(token.id(), token);
    }

    @Override
    public Optional<ApiToken> tokenByHash(byte[] hash) {
        reading();
        String h = hex(hash);
        return tokens.values().stream().filter(t -> hex(t.hash()).equals(h)).findFirst();
    }

    @Override
    public void touchToken(UUID tokenId, Instant now) {
        writing();
        tokens.computeIfPresent(tokenId, (k, t) -> new ApiToken(t.id(), t.hash(), t.userId(), t.name(), t.scope(), t.createdAt(),
                Optional.of(now), t.expiresAt(), t.revokedAt()));
    }

    @Override
    public List<ApiToken> tokensOf(UUID userId) {
        reading();
        return tokens.values().stream().filter(t -> t.userId().equals(userId) && t.revokedAt().isEmpty())
                .sorted(Comparator.comparing(ApiToken::createdAt).reversed()).toList();
    }

    @Override
    public boolean revokeToken(UUID userId, UUID tokenId, Instant now) {
        writing();
        ApiToken t = tokens.get(tokenId);
        if (t == null || !t.userId().equals(userId) || t.revokedAt().isPresent()) {
            return false;
        }
        tokens.put(tokenId, new ApiToken(t.id(), t.hash(), t.userId(), t.name(), t.scope(), t.createdAt(), t.lastUsedAt(), t.expiresAt(),
                Optional.of(now)));
        if (announce) {
            listeners.forEach(l -> l.accept(new Change(Optional.of(tokenId), Optional.empty())));
        }
        return true;
    }

    private boolean announce = true;

    /** Test hook: stop announcing revocations, as if a node had not heard of one yet. */
    public void announceChanges(boolean on) { announce = on; }

    /** Test views. */
    public List<Session> sessions() { return List.copyOf(sessions.values()); }

    public List<AccountToken> accountTokens() { return List.copyOf(accountTokens.values()); }

    public List<ApiToken> allTokens() { return List.copyOf(tokens.values()); }

    /** Deletes the tokens scoped to an organization (it is deleted). */
    void deleteTokensOf(UUID orgId) {
        tokens.values().removeIf(t -> t.scope().orgId().map(orgId::equals).orElse(false));
    }
}
