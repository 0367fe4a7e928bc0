package dev.hush.application.port;

import dev.hush.domain.access.ApiToken;
import dev.hush.domain.access.Session;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Sessions and API tokens, looked up by the SHA-256 of their secret part (the secret itself is never stored). */
public interface Credentials {
    void insertSession(Session session);

    Optional<Session> sessionByHash(byte[] hash);

    void deleteSession(byte[] hash);

    /** Stores a single-use account token (its hash) for a purpose such as "reset" or "verify". */
    void insertAccountToken(byte[] hash, UUID userId, String purpose, Instant now, Instant expiresAt);

    /** Uses the token once: the user it belongs to, when it exists for the purpose, is unused and unexpired. */
    Optional<UUID> useAccountToken(byte[] hash, String purpose, Instant now);

    /** Ends every session of the user. */
    void deleteSessionsOf(UUID userId);

    void touchSession(byte[] hash, Instant now);

    void insertToken(ApiToken token);

    Optional<ApiToken> tokenByHash(byte[] hash);

    void touchToken(UUID tokenId, Instant now);

    /** The user's tokens that are not revoked, newest first. */
    java.util.List<ApiToken> tokensOf(UUID userId);

    /** Revokes the user's token; false when the user has no such unrevoked token. */
    boolean revokeToken(UUID userId, UUID tokenId, Instant now);
}
