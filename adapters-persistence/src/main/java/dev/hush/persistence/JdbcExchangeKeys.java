package dev.hush.persistence;

import dev.hush.application.port.ExchangeKeys;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcExchangeKeys implements ExchangeKeys {
    private final Jdbc jdbc;

    JdbcExchangeKeys(Jdbc jdbc) { this.jdbc = jdbc; }

    @Override
    public void insert(Stored k) {
        jdbc.update("INSERT INTO exchange_keys (id, org_id, public_key, private_wrapped, expires_at) VALUES (?, ?, ?, ?, ?)",
                k.id(), k.orgId(), k.publicKey(), k.privateWrapped(), k.expiresAt());
    }

    @Override
    public Optional<Stored> find(UUID orgId, UUID keyId) {
        return jdbc.one("SELECT * FROM exchange_keys WHERE id = ? AND org_id = ?",
                rs -> new Stored(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "org_id"), rs.getBytes("public_key"), rs.getBytes("private_wrapped"),
                        Jdbc.instant(rs, "expires_at")), keyId, orgId);
    }

    @Override
    public int deleteExpired(Instant now) {
        return jdbc.update("DELETE FROM exchange_keys WHERE expires_at < ?", now);
    }
}
