package dev.hush.persistence;

import dev.hush.application.port.CredentialChanges;
import dev.hush.application.port.Credentials;
import dev.hush.domain.access.ApiToken;
import dev.hush.domain.access.Permission;
import dev.hush.domain.access.Session;
import dev.hush.domain.access.TokenScope;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Sessions and tokens, keyed by the hex SHA-256 of their secret part. */
@Singleton
final class JdbcCredentials implements Credentials {
    private static final HexFormat HEX = HexFormat.of();
    private final Jdbc jdbc;
    private final PgCredentialChanges changes;

    JdbcCredentials(Jdbc jdbc, PgCredentialChanges changes) {
        this.jdbc = jdbc;
        this.changes = changes;
    }

    @Override
    public void insertSession(Session s) {
        jdbc.update("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                HEX.formatHex(s.hash()), s.userId(), s.createdAt(), s.lastSeenAt(), s.expiresAt());
    }

    @Override
    public Optional<Session> sessionByHash(byte[] hash) {
        return jdbc.one("SELECT * FROM sessions WHERE token_hash = ?",
                rs -> new Session(HEX.parseHex(rs.getString("token_hash")), Jdbc.uuid(rs, "user_id"), Jdbc.instant(rs, "created_at"),
                        Jdbc.instant(rs, "last_seen_at"), Jdbc.instant(rs, "expires_at")),
                HEX.formatHex(hash));
    }

    @Override
    public void deleteSession(byte[] hash) {
        jdbc.update("DELETE FROM sessions WHERE token_hash = ?", HEX.formatHex(hash));
    }

    @Override
    public void insertAccountToken(byte[] hash, UUID userId, String purpose, Instant now, Instant expiresAt) {
        jdbc.update("INSERT INTO account_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                HEX.formatHex(hash), userId, purpose, now, expiresAt);
    }

    @Override
    public Optional<UUID> useAccountToken(byte[] hash, String purpose, Instant now) {
        String h = HEX.formatHex(hash);
        Optional<UUID> user = jdbc.one("SELECT user_id FROM account_tokens WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?",
                rs -> Jdbc.uuid(rs, "user_id"), h, purpose, now);
        // The conditional update makes a concurrent second use lose.
        if (user.isPresent() && jdbc.update("UPDATE account_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL", now, h) == 1) {
            return user;
        }
        return Optional.empty();
    }

    @Override
    public void deleteSessionsOf(UUID userId) {
        jdbc.update("DELETE FROM sessions WHERE user_id = ?", userId);
    }

    @Override
    public void touchSession(byte[] hash, Instant now) {
        jdbc.update("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", now, HEX.formatHex(hash));
    }

    @Override
    public void insertToken(ApiToken t) {
        jdbc.update("INSERT INTO api_tokens (id, token_hash, user_id, name, org_id, projects, environments, permissions, created_at, "
                        + "last_used_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                t.id(), HEX.formatHex(t.hash()), t.userId(), t.name(), t.scope().orgId().<Object>map(u -> u).orElse(Jdbc.NULL_UUID),
                String.join(",", t.scope().projects()), String.join(",", t.scope().environments()),
                t.scope().permissions().stream().map(Permission::wire).sorted().collect(Collectors.joining(",")),
                t.createdAt(), Jdbc.orNull(t.lastUsedAt()), Jdbc.orNull(t.expiresAt()), Jdbc.orNull(t.revokedAt()));
    }

    @Override
    public Optional<ApiToken> tokenByHash(byte[] hash) {
        return jdbc.one("SELECT * FROM api_tokens WHERE token_hash = ?", JdbcCredentials::mapToken, HEX.formatHex(hash));
    }

    @Override
    public void touchToken(UUID tokenId, Instant now) {
        jdbc.update("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", now, tokenId);
    }

    @Override
    public java.util.List<ApiToken> tokensOf(UUID userId) {
        return jdbc.query("SELECT * FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at DESC",
                JdbcCredentials::mapToken, userId);
    }

    @Override
    public boolean revokeToken(UUID userId, UUID tokenId, Instant now) {
        boolean revoked = jdbc.update("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL", now, tokenId, userId) == 1;
        if (revoked) {
            changes.announce(jdbc, new CredentialChanges.Change(Optional.of(tokenId), Optional.empty()));
        }
        return revoked;
    }

    private static ApiToken mapToken(ResultSet rs) throws SQLException {
        TokenScope scope = new TokenScope(Optional.ofNullable(Jdbc.uuid(rs, "org_id")), split(rs.getString("projects")),
                split(rs.getString("environments")),
                split(rs.getString("permissions")).stream().map(p -> Permission.parse("permissions", p)).collect(Collectors.toSet()));
        return new ApiToken(Jdbc.uuid(rs, "id"), HEX.parseHex(rs.getString("token_hash")), Jdbc.uuid(rs, "user_id"), rs.getString("name"),
                scope, Jdbc.instant(rs, "created_at"), Jdbc.optionalInstant(rs, "last_used_at"), Jdbc.optionalInstant(rs, "expires_at"),
                Jdbc.optionalInstant(rs, "revoked_at"));
    }

    private static Set<String> split(String joined) {
        return joined == null || joined.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(joined.split(",")));
    }
}
