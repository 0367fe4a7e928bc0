package dev.hush.persistence;

import dev.hush.application.port.KeyRotations;
import dev.hush.application.port.WrappedKeyBlob;
import dev.hush.domain.secret.EncryptedValue;
import dev.hush.domain.secret.SecretKey;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcKeyRotations implements KeyRotations {
    private final Jdbc jdbc;

    JdbcKeyRotations(Jdbc jdbc) { this.jdbc = jdbc; }

    @Override
    public void start(UUID projectId, int targetVersion, long total, Instant now) {
        jdbc.update("DELETE FROM key_rotations WHERE project_id = ?", projectId);
        jdbc.update("INSERT INTO key_rotations (project_id, target_version, total, done, started_at) VALUES (?, ?, ?, 0, ?)",
                projectId, targetVersion, total, now);
    }

    @Override
    public Optional<Rotation> find(UUID projectId) {
        return jdbc.one("SELECT r.*, p.org_id FROM key_rotations r JOIN projects p ON p.id = r.project_id WHERE r.project_id = ?",
                JdbcKeyRotations::map, projectId);
    }

    @Override
    public Optional<Rotation> lockNextUnfinished() {
        // Lock the rotation's row only (a join would lock the project row too and hold up writes to the project).
        return jdbc.one("SELECT project_id FROM key_rotations WHERE finished_at IS NULL AND (paused_until IS NULL OR paused_until < ?) "
                        + "ORDER BY started_at LIMIT 1 FOR UPDATE", rs -> Jdbc.uuid(rs, "project_id"), Instant.now())
                .flatMap(this::find);
    }

    @Override
    public Optional<Rotation> lockNextToRetire(Instant finishedBefore) {
        return jdbc.one("SELECT project_id FROM key_rotations WHERE finished_at < ? AND keys_retired_at IS NULL "
                        + "AND (paused_until IS NULL OR paused_until < ?) ORDER BY finished_at LIMIT 1 FOR UPDATE",
                rs -> Jdbc.uuid(rs, "project_id"), finishedBefore, Instant.now()).flatMap(this::find);
    }

    @Override
    public void pause(UUID projectId, Instant until) {
        jdbc.update("UPDATE key_rotations SET paused_until = ? WHERE project_id = ?", until, projectId);
    }

    @Override
    public void markKeysRetired(UUID projectId, Instant now) {
        jdbc.update("UPDATE key_rotations SET keys_retired_at = ? WHERE project_id = ?", now, projectId);
    }

    @Override
    public List<StoredValue> valuesAfter(UUID projectId, Optional<UUID> cursorSecret, int cursorVersion, int limit) {
        String select = "SELECT v.secret_id, v.version, s.environment_id, s.name, v.ciphertext FROM secret_versions v "
                + "JOIN secrets s ON s.id = v.secret_id WHERE s.project_id = ? ";
        return cursorSecret.isEmpty()
                ? jdbc.query(select + "ORDER BY v.secret_id, v.version LIMIT ?", JdbcKeyRotations::mapValue, projectId, limit)
                : jdbc.query(select + "AND (v.secret_id > ? OR (v.secret_id = ? AND v.version > ?)) ORDER BY v.secret_id, v.version LIMIT ?",
                        JdbcKeyRotations::mapValue, projectId, cursorSecret.get(), cursorSecret.get(), cursorVersion, limit);
    }

    @Override
    public List<StoredValue> personalValues(UUID projectId) {
        return jdbc.query("SELECT o.secret_id, o.user_id, s.environment_id, s.name, o.ciphertext FROM secret_overrides o "
                + "JOIN secrets s ON s.id = o.secret_id WHERE s.project_id = ?", rs -> new StoredValue(Jdbc.uuid(rs, "secret_id"), 0,
                Jdbc.uuid(rs, "environment_id"), new SecretKey(rs.getString("name")), Optional.of(Jdbc.uuid(rs, "user_id")),
                new EncryptedValue(rs.getBytes("ciphertext"))), projectId);
    }

    @Override
    public boolean replace(StoredValue value, EncryptedValue replacement) {
        // Compare in Java, not SQL: comparing BYTEA columns with = works on both databases, but the row is
        // locked first so the check and the write are one step.
        Optional<byte[]> current = value.userId().isPresent()
                ? jdbc.one("SELECT ciphertext FROM secret_overrides WHERE secret_id = ? AND user_id = ? FOR UPDATE", rs -> rs.getBytes(1),
                        value.secretId(), value.userId().get())
                : jdbc.one("SELECT ciphertext FROM secret_versions WHERE secret_id = ? AND version = ? FOR UPDATE", rs -> rs.getBytes(1),
                        value.secretId(), value.version());
        if (current.isEmpty() || !Arrays.equals(current.get(), value.ciphertext().bytes())) {
            return false;
        }
        return (value.userId().isPresent()
                ? jdbc.update("UPDATE secret_overrides SET ciphertext = ? WHERE secret_id = ? AND user_id = ?", replacement.bytes(),
                        value.secretId(), value.userId().get())
                : jdbc.update("UPDATE secret_versions SET ciphertext = ? WHERE secret_id = ? AND version = ?", replacement.bytes(),
                        value.secretId(), value.version())) == 1;
    }

    @Override
    public void advance(UUID projectId, UUID cursorSecret, int cursorVersion, long done) {
        jdbc.update("UPDATE key_rotations SET cursor_secret = ?, cursor_version = ?, done = ? WHERE project_id = ?",
                cursorSecret, cursorVersion, done, projectId);
    }

    @Override
    public void finish(UUID projectId, Instant now) {
        jdbc.update("UPDATE key_rotations SET finished_at = ?, done = total WHERE project_id = ?", now, projectId);
    }

    @Override
    public long countValues(UUID projectId) {
        return jdbc.one("SELECT (SELECT COUNT(*) FROM secret_versions v JOIN secrets s ON s.id = v.secret_id WHERE s.project_id = ?) "
                + "+ (SELECT COUNT(*) FROM secret_overrides o JOIN secrets s ON s.id = o.secret_id WHERE s.project_id = ?)",
                rs -> rs.getLong(1), projectId, projectId).orElse(0L);
    }

    @Override
    public void retireKeysBefore(UUID projectId, int version) {
        jdbc.update("DELETE FROM project_keys WHERE project_id = ? AND version < ?", projectId, version);
    }

    @Override
    public void setProjectKeyVersion(UUID projectId, int version) {
        jdbc.update("UPDATE projects SET key_version = ? WHERE id = ?", version, projectId);
    }

    @Override
    public void insertProjectKey(UUID projectId, int version, WrappedKeyBlob key) {
        jdbc.update("INSERT INTO project_keys (project_id, version, key_id, key_version, wrapped) VALUES (?, ?, ?, ?, ?)",
                projectId, version, key.keyId(), key.keyVersion(), key.ciphertext());
    }

    private static Rotation map(ResultSet rs) throws SQLException {
        return new Rotation(Jdbc.uuid(rs, "project_id"), Jdbc.uuid(rs, "org_id"), rs.getInt("target_version"), rs.getLong("total"), rs.getLong("done"),
                Optional.ofNullable(Jdbc.uuid(rs, "cursor_secret")), rs.getInt("cursor_version"), Jdbc.instant(rs, "started_at"),
                Jdbc.optionalInstant(rs, "finished_at"));
    }

    private static StoredValue mapValue(ResultSet rs) throws SQLException {
        return new StoredValue(Jdbc.uuid(rs, "secret_id"), rs.getInt("version"), Jdbc.uuid(rs, "environment_id"),
                new SecretKey(rs.getString("name")), Optional.empty(), new EncryptedValue(rs.getBytes("ciphertext")));
    }
}
