package dev.hush.persistence;

import dev.hush.application.port.OrganizationSecrets;
import dev.hush.application.port.Projects;
import dev.hush.application.port.Secrets;
import dev.hush.domain.secret.EncryptedValue;
import dev.hush.domain.secret.PurposeType;
import dev.hush.domain.secret.Secret;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.SecretVersion;
import dev.hush.domain.secret.Tags;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcSecrets implements Secrets, OrganizationSecrets {
    /** Bound on the number of parameters of one IN list. */
    private final Jdbc jdbc;
    private final AccessCounter accessCounter;

    JdbcSecrets(Jdbc jdbc, AccessCounter accessCounter) {
        this.jdbc = jdbc;
        this.accessCounter = accessCounter;
    }

    @Override
    public Optional<Secret> find(UUID environmentId, SecretKey key) {
        return jdbc.one("SELECT * FROM secrets WHERE environment_id = ? AND name = ?", JdbcSecrets::map, environmentId, key.value());
    }

    @Override
    public Map<SecretKey, Secret> lockAll(UUID environmentId, Collection<SecretKey> keys) {
        Map<SecretKey, Secret> out = new HashMap<>();
        for (List<String> chunk : Jdbc.chunks(keys.stream().map(SecretKey::value).sorted().toList())) {
            Object[] args = new Object[chunk.size() + 1];
            args[0] = environmentId;
            for (int i = 0; i < chunk.size(); i++) {
                args[i + 1] = chunk.get(i);
            }
            jdbc.query("SELECT * FROM secrets WHERE environment_id = ? AND name IN (" + Jdbc.marks(chunk.size()) + ") ORDER BY name FOR UPDATE", JdbcSecrets::map, args)
                    .forEach(s -> out.put(s.key(), s));
        }
        return out;
    }

    @Override
    public Optional<Locked> lockOne(UUID environmentId, SecretKey key) {
        // One statement: the row locked, its current version read with it (a version is never changed once the row
        // points at it, except by a writer holding this lock).
        return jdbc.one("SELECT s.*, v.ciphertext AS v_ciphertext, v.created_at AS v_created_at, v.created_by AS v_created_by, v.deleted AS v_deleted "
                        + "FROM secrets s LEFT JOIN secret_versions v ON v.secret_id = s.id AND v.version = s.version "
                        + "WHERE s.environment_id = ? AND s.name = ? FOR UPDATE OF s",
                rs -> {
                    Secret secret = map(rs);
                    byte[] ciphertext = rs.getBytes("v_ciphertext");
                    return new Locked(secret, secret.version() == 0 || ciphertext == null ? Optional.empty()
                            : Optional.of(new SecretVersion(secret.id(), secret.version(), new EncryptedValue(ciphertext), Jdbc.instant(rs, "v_created_at"),
                                    Optional.ofNullable(Jdbc.uuid(rs, "v_created_by")), rs.getBoolean("v_deleted"))));
                }, environmentId, key.value());
    }

    @Override
    public List<Secret> listLive(UUID environmentId, String prefix) {
        List<Secret> live = prefix.isEmpty()
                ? jdbc.query("SELECT * FROM secrets WHERE environment_id = ? AND deleted_at IS NULL", JdbcSecrets::map, environmentId)
                // Case-sensitive prefix match without LIKE wildcards: keys may contain '_' which LIKE would treat as a wildcard.
                : jdbc.query("SELECT * FROM secrets WHERE environment_id = ? AND deleted_at IS NULL AND SUBSTRING(name, 1, ?) = ?",
                        JdbcSecrets::map, environmentId, prefix.length(), prefix);
        // Sorted here, by code point: database collations differ (the embedded server runs in the C locale, an external one may not), pages must not.
        return live.stream().sorted(java.util.Comparator.comparing(Secret::key)).toList();
    }

    @Override
    public ValuedPage liveValues(UUID environmentId, String prefix, java.util.Set<String> keys, List<String> tags, int offset,
                                 Optional<Integer> limit) {
        StringBuilder where = new StringBuilder(" FROM secrets s JOIN secret_versions v ON v.secret_id = s.id AND v.version = s.version "
                + "WHERE s.environment_id = ? AND s.deleted_at IS NULL AND s.has_value");
        List<Object> args = new java.util.ArrayList<>();
        args.add(environmentId);
        if (!prefix.isEmpty()) {
            // Case-sensitive prefix match without LIKE wildcards: keys may contain '_' which LIKE would treat as a wildcard.
            where.append(" AND SUBSTRING(s.name, 1, ?) = ?");
            args.add(prefix.length());
            args.add(prefix);
        }
        if (!keys.isEmpty()) {
            where.append(" AND s.name IN (").append(Jdbc.marks(keys.size())).append(")");
            args.addAll(keys);
        }
        for (String tag : tags) {
            // Tags are stored comma-joined and cannot contain a comma.
            where.append(" AND POSITION(',' || ? || ',' IN ',' || s.tags || ',') > 0");
            args.add(tag);
        }
        List<Object> pageArgs = new java.util.ArrayList<>();
        pageArgs.add(environmentId); // the revision's
        pageArgs.addAll(args);
        // Code point order, as SecretKey compares (keys are ASCII): the same on every database collation.
        StringBuilder sql = new StringBuilder("SELECT s.*, v.ciphertext AS v_ciphertext, v.created_at AS v_created_at, v.created_by AS v_created_by, "
                + "v.deleted AS v_deleted, COUNT(*) OVER () AS matching, "
                + Jdbc.revisionOf("?") + " AS e_revision") // the revision in the rows' snapshot
                .append(where).append(" ORDER BY s.name COLLATE \"C\"");
        if (limit.isPresent()) {
            sql.append(" LIMIT ?");
            pageArgs.add(limit.get());
        }
        if (offset > 0) {
            sql.append(" OFFSET ?");
            pageArgs.add(offset);
        }
        int[] matching = {0};
        long[] revision = {Projects.Placement.UNTRACKED};
        List<Valued> rows = jdbc.query(sql.toString(), rs -> {
            matching[0] = rs.getInt("matching");
            revision[0] = rs.getLong("e_revision");
            Secret secret = map(rs);
            return new Valued(secret, new SecretVersion(secret.id(), secret.version(), new EncryptedValue(rs.getBytes("v_ciphertext")),
                    Jdbc.instant(rs, "v_created_at"), Optional.ofNullable(Jdbc.uuid(rs, "v_created_by")), rs.getBoolean("v_deleted")));
        }, pageArgs.toArray());
        if (rows.isEmpty() && offset > 0) {
            // A page past the end still reports how many match.
            matching[0] = (int) jdbc.count("SELECT COUNT(*)" + where, args.toArray());
        }
        // An empty page carries no revision: it is not worth caching.
        return new ValuedPage(rows, matching[0], revision[0]);
    }

    @Override
    public Map<UUID, Instant> createdAt(Collection<UUID> secretIds) {
        Map<UUID, Instant> out = new HashMap<>();
        List<UUID> ids = List.copyOf(secretIds);
        for (int i = 0; i < ids.size(); i += 500) {
            List<UUID> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
            jdbc.query("SELECT id, created_at FROM secrets WHERE id IN (" + Jdbc.marks(chunk.size()) + ")",
                    rs -> out.put(Jdbc.uuid(rs, "id"), Jdbc.instant(rs, "created_at")), chunk.toArray());
        }
        return out;
    }

    @Override
    public Optional<Secret> liveById(UUID orgId, UUID secretId) {
        return jdbc.one("SELECT s.* FROM secrets s JOIN projects p ON p.id = s.project_id WHERE s.id = ? AND p.org_id = ? AND s.deleted_at IS NULL",
                JdbcSecrets::map, secretId, orgId);
    }

    @Override
    public List<Secret> listLiveInOrganization(UUID orgId) {
        return jdbc.query("SELECT s.* FROM secrets s JOIN projects p ON p.id = s.project_id WHERE p.org_id = ? AND s.deleted_at IS NULL",
                JdbcSecrets::map, orgId);
    }

    @Override
    public void insert(Secret s) {
        jdbc.update("INSERT INTO secrets (id, project_id, environment_id, name, tags, purpose_type, description, version, has_value, "
                        + "access_count, last_accessed_at, updated_at, deleted_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.id(), s.projectId(), s.environmentId(), s.key().value(), String.join(",", s.tags().values()), s.purposeType().name(),
                s.description() == null ? Jdbc.NULL_STRING : s.description(), s.version(), s.hasValue(), s.accessCount(),
                Jdbc.orNull(s.lastAccessedAt()), s.updatedAt(), Jdbc.orNull(s.deletedAt()), s.updatedAt());
    }

    @Override
    public void update(Secret s) {
        // access_count and last_accessed_at are only changed by recordAccess, so concurrent reads are never lost.
        jdbc.update("UPDATE secrets SET tags = ?, purpose_type = ?, description = ?, version = ?, has_value = ?, updated_at = ?, deleted_at = ? WHERE id = ?",
                String.join(",", s.tags().values()), s.purposeType().name(), s.description() == null ? Jdbc.NULL_STRING : s.description(),
                s.version(), s.hasValue(), s.updatedAt(), Jdbc.orNull(s.deletedAt()), s.id());
    }

    @Override
    public void updateWithVersion(Secret s, SecretVersion v) {
        // One statement: the version inserted in a data-modifying WITH, the row updated to point at it.
        jdbc.update("WITH v AS (INSERT INTO secret_versions (secret_id, version, ciphertext, created_at, created_by, deleted) VALUES (?, ?, ?, ?, ?, ?)) "
                        + "UPDATE secrets SET tags = ?, purpose_type = ?, description = ?, version = ?, has_value = ?, updated_at = ?, deleted_at = ? WHERE id = ?",
                v.secretId(), v.version(), v.value().bytes(), v.createdAt(), v.createdBy().<Object>map(u -> u).orElse(Jdbc.NULL_UUID), v.deleted(),
                String.join(",", s.tags().values()), s.purposeType().name(), s.description() == null ? Jdbc.NULL_STRING : s.description(),
                s.version(), s.hasValue(), s.updatedAt(), Jdbc.orNull(s.deletedAt()), s.id());
    }

    @Override
    public void insertVersion(SecretVersion v) {
        jdbc.update("INSERT INTO secret_versions (secret_id, version, ciphertext, created_at, created_by, deleted) VALUES (?, ?, ?, ?, ?, ?)",
                v.secretId(), v.version(), v.value().bytes(), v.createdAt(), v.createdBy().<Object>map(u -> u).orElse(Jdbc.NULL_UUID), v.deleted());
    }

    @Override
    public Map<UUID, SecretVersion> currentValues(Collection<Secret> secrets) {
        Map<UUID, SecretVersion> out = new HashMap<>();
        List<UUID> withValue = secrets.stream().filter(s -> s.version() > 0).map(Secret::id).toList();
        for (List<UUID> chunk : Jdbc.chunks(withValue)) {
            // The version is taken from the row itself, so a concurrent writer cannot pair a secret with another's value.
            jdbc.query("SELECT v.* FROM secrets s JOIN secret_versions v ON v.secret_id = s.id "
                            + "AND v.version = s.version WHERE s.id IN (" + Jdbc.marks(chunk.size()) + ")",
                    rs -> out.put(Jdbc.uuid(rs, "secret_id"), mapVersion(rs)), chunk.toArray());
        }
        return out;
    }

    @Override
    public List<SecretVersion> versions(UUID secretId) {
        return jdbc.query("SELECT * FROM secret_versions WHERE secret_id = ? ORDER BY version DESC", JdbcSecrets::mapVersion, secretId);
    }

    @Override
    public void markVersionDeleted(UUID secretId, int version) {
        jdbc.update("UPDATE secret_versions SET deleted = TRUE WHERE secret_id = ? AND version = ?", secretId, version);
    }

    @Override
    public void recordAccess(Collection<UUID> secretIds, Instant now) {
        accessCounter.record(secretIds, now);
    }

    private static SecretVersion mapVersion(ResultSet rs) throws SQLException {
        return new SecretVersion(Jdbc.uuid(rs, "secret_id"), rs.getInt("version"), new EncryptedValue(rs.getBytes("ciphertext")),
                Jdbc.instant(rs, "created_at"), Optional.ofNullable(Jdbc.uuid(rs, "created_by")), rs.getBoolean("deleted"));
    }

    private static Secret map(ResultSet rs) throws SQLException {
        String tags = rs.getString("tags");
        return new Secret(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "project_id"), Jdbc.uuid(rs, "environment_id"), new SecretKey(rs.getString("name")),
                new Tags(tags.isEmpty() ? List.of() : Arrays.asList(tags.split(","))), PurposeType.valueOf(rs.getString("purpose_type")),
                rs.getString("description"), rs.getInt("version"), rs.getBoolean("has_value"), rs.getLong("access_count"),
                Jdbc.optionalInstant(rs, "last_accessed_at"), Jdbc.instant(rs, "updated_at"), Jdbc.optionalInstant(rs, "deleted_at"));
    }
}
