package dev.hush.persistence;

import dev.hush.application.port.KeyRotations;
import dev.hush.application.port.WrappedKeyBlob;
import dev.hush.domain.secret.EncryptedValue;
import dev.hush.domain.secret.SecretKey;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
    public List<StoredValue> valuesAfter(UUID projectId, Optional<UUID> cursorSecret, int cursorVersion, int limit, long maxBytes) {
        // The project's secrets in id order from the cursor (secrets_project index), each one's versions by
        // primary key: a LATERAL subquery that cannot be flattened (OFFSET 0) keeps that plan, so a page reads
        // about its own rows whatever the size of the project or of the instance (a merge join would walk
        // secret_versions from its start). The running total of ciphertext sizes cuts the page after the value
        // that reaches maxBytes.
        boolean from = cursorSecret.isPresent();
        String sql = "SELECT secret_id, version, environment_id, name, ciphertext FROM (SELECT s.id AS secret_id, v.version, s.environment_id, "
                + "s.name, v.ciphertext, SUM(octet_length(v.ciphertext)) OVER (ORDER BY s.id, v.version ROWS UNBOUNDED PRECEDING) "
                + "- octet_length(v.ciphertext) AS before FROM secrets s CROSS JOIN LATERAL (SELECT version, ciphertext FROM secret_versions "
                + "WHERE secret_id = s.id " + (from ? "AND (s.id > ? OR version > ?) " : "") + "OFFSET 0) v "
                + "WHERE s.project_id = ? " + (from ? "AND s.id >= ? " : "") + "ORDER BY s.id, v.version LIMIT ?) page "
                + "WHERE before < ? ORDER BY secret_id, version";
        return from
                ? jdbc.query(sql, JdbcKeyRotations::mapValue, cursorSecret.get(), cursorVersion, projectId, cursorSecret.get(), limit, maxBytes)
                : jdbc.query(sql, JdbcKeyRotations::mapValue, projectId, limit, maxBytes);
    }

    @Override
    public List<StoredValue> personalValues(UUID projectId) {
        return jdbc.query("SELECT o.secret_id, o.user_id, s.environment_id, s.name, o.ciphertext FROM secret_overrides o "
                + "JOIN secrets s ON s.id = o.secret_id WHERE s.project_id = ?", rs -> new StoredValue(Jdbc.uuid(rs, "secret_id"), 0,
                Jdbc.uuid(rs, "environment_id"), new SecretKey(rs.getString("name")), Optional.of(Jdbc.uuid(rs, "user_id")),
                new EncryptedValue(rs.getBytes("ciphertext"))), projectId);
    }

    @Override
    public int replaceAll(List<Replacement> replacements) {
        List<Replacement> versions = replacements.stream().filter(r -> r.value().userId().isEmpty()).toList();
        List<Replacement> personal = replacements.stream().filter(r -> r.value().userId().isPresent()).toList();
        int replaced = 0;
        if (!versions.isEmpty()) {
            replaced += jdbc.update(replaceAll("secret_versions", "version", "int4"),
                    jdbc.array("uuid", versions.stream().map(r -> r.value().secretId()).toArray(UUID[]::new)),
                    jdbc.array("int4", versions.stream().map(r -> r.value().version()).toArray(Integer[]::new)),
                    jdbc.array("bytea", versions.stream().map(r -> r.value().ciphertext().bytes()).toArray(byte[][]::new)),
                    jdbc.array("bytea", versions.stream().map(r -> r.ciphertext().bytes()).toArray(byte[][]::new)));
        }
        if (!personal.isEmpty()) {
            replaced += jdbc.update(replaceAll("secret_overrides", "user_id", "uuid"),
                    jdbc.array("uuid", personal.stream().map(r -> r.value().secretId()).toArray(UUID[]::new)),
                    jdbc.array("uuid", personal.stream().map(r -> r.value().userId().get()).toArray(UUID[]::new)),
                    jdbc.array("bytea", personal.stream().map(r -> r.value().ciphertext().bytes()).toArray(byte[][]::new)),
                    jdbc.array("bytea", personal.stream().map(r -> r.ciphertext().bytes()).toArray(byte[][]::new)));
        }
        return replaced;
    }

    /**
     * One UPDATE for a whole batch of one table, keyed by (secret_id, {@code keyColumn}). Each row is found by
     * primary key in a LATERAL subquery that cannot be flattened (OFFSET 0), then updated by its row address:
     * a plan that stays a primary-key lookup per row whatever the table's statistics (a plain join with the
     * unnest may hash the whole table for every batch when they are missing, as after a large import). The
     * ciphertext condition is on the updated row itself, so PostgreSQL checks it again on the row as committed
     * when a concurrent write changed it meanwhile (READ COMMITTED re-check after the row lock): a value written
     * meanwhile is left alone.
     */
    private static String replaceAll(String table, String keyColumn, String keyType) {
        return "UPDATE " + table + " t SET ciphertext = r.fresh FROM (SELECT found.tid, n.expected, n.fresh "
                + "FROM unnest(?::uuid[], ?::" + keyType + "[], ?::bytea[], ?::bytea[]) AS n (secret_id, key, expected, fresh) "
                + "CROSS JOIN LATERAL (SELECT ctid AS tid FROM " + table + " WHERE secret_id = n.secret_id AND " + keyColumn + " = n.key OFFSET 0) found) r "
                + "WHERE t.ctid = r.tid AND t.ciphertext = r.expected";
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
