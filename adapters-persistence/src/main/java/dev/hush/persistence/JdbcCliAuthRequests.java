package dev.hush.persistence;

import dev.hush.application.port.CliAuthRequests;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcCliAuthRequests implements CliAuthRequests {
    private final Jdbc jdbc;

    JdbcCliAuthRequests(Jdbc jdbc) { this.jdbc = jdbc; }

    @Override
    public void insert(UUID id, byte[] deviceHash, String userCode, Instant now, Instant expiresAt) {
        jdbc.update("INSERT INTO cli_auth_requests (id, device_hash, user_code, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                id, HexFormat.of().formatHex(deviceHash), userCode, now, expiresAt);
    }

    @Override
    public boolean approve(String userCode, UUID userId, String tokenName, Instant now) {
        return jdbc.update("UPDATE cli_auth_requests SET approved_by = ?, token_name = ? WHERE user_code = ? AND approved_by IS NULL "
                + "AND consumed_at IS NULL AND expires_at > ?", userId, tokenName, userCode, now) == 1;
    }

    @Override
    public Optional<Request> lockByDevice(byte[] deviceHash) {
        return jdbc.one("SELECT * FROM cli_auth_requests WHERE device_hash = ? FOR UPDATE",
                rs -> new Request(Jdbc.uuid(rs, "id"), Jdbc.instant(rs, "expires_at"), Optional.ofNullable(Jdbc.uuid(rs, "approved_by")),
                        rs.getString("token_name"), rs.getObject("consumed_at") != null),
                HexFormat.of().formatHex(deviceHash));
    }

    @Override
    public void consume(UUID id, Instant now) {
        jdbc.update("UPDATE cli_auth_requests SET consumed_at = ? WHERE id = ?", now, id);
    }
}
