package dev.hush.persistence;

import dev.hush.application.port.SecretOverrides;
import dev.hush.domain.secret.EncryptedValue;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcSecretOverrides implements SecretOverrides {
    private final Jdbc jdbc;

    JdbcSecretOverrides(Jdbc jdbc) { this.jdbc = jdbc; }

    @Override
    public void upsert(UUID secretId, UUID userId, EncryptedValue value, Instant now) {
        int updated = jdbc.update("UPDATE secret_overrides SET ciphertext = ?, updated_at = ? WHERE secret_id = ? AND user_id = ?",
                value.bytes(), now, secretId, userId);
        if (updated == 0) {
            jdbc.update("INSERT INTO secret_overrides (secret_id, user_id, ciphertext, updated_at) VALUES (?, ?, ?, ?)",
                    secretId, userId, value.bytes(), now);
        }
    }

    @Override
    public Optional<EncryptedValue> find(UUID secretId, UUID userId) {
        return jdbc.one("SELECT ciphertext FROM secret_overrides WHERE secret_id = ? AND user_id = ?",
                rs -> new EncryptedValue(rs.getBytes(1)), secretId, userId);
    }
}
