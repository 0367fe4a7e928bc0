package dev.hush.persistence;

import dev.hush.application.port.EnvironmentFeed;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The change feed (migration V19): revisions from transaction ids, read only below the oldest running transaction. */
@Singleton
final class JdbcEnvironmentFeed implements EnvironmentFeed {
    private final Jdbc jdbc;

    JdbcEnvironmentFeed(Jdbc jdbc) { this.jdbc = jdbc; }

    @Override
    public void append(UUID environmentId, String type, List<String> keys, Instant at) {
        // Keys cannot contain a comma (SecretKey), so they are stored comma-joined.
        jdbc.update("INSERT INTO environment_events (environment_id, revision, tx, type, keys, at) "
                        + "SELECT ?, t.x * 1024 + (SELECT COUNT(*) FROM environment_events WHERE environment_id = ? AND tx = t.x), t.x, ?, ?, ? "
                        + "FROM (SELECT pg_current_xact_id()::text::bigint AS x) t",
                environmentId, environmentId, type, String.join(",", keys), at);
    }

    @Override
    public List<Event> after(UUID environmentId, long revision, int max) {
        return jdbc.query("SELECT revision, type, keys, at FROM environment_events WHERE environment_id = ? AND revision > ? "
                        + "AND tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint ORDER BY revision LIMIT ?",
                rs -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3).isEmpty() ? List.of() : Arrays.asList(rs.getString(3).split(",")),
                        Jdbc.instant(rs, "at")), environmentId, revision, max);
    }
}
