package dev.hush.persistence;

import dev.hush.application.port.EnvironmentFeed;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The change feed (migrations V19, V20): revisions from transaction ids, read only below the oldest running
 * transaction; pruning remembers each environment's newest pruned revision.
 */
@Singleton
final class JdbcEnvironmentFeed implements EnvironmentFeed {
    /** Environments read in one statement at most (two parameters each). */
    private static final int CHUNK = 1000;

    private final Jdbc jdbc;

    JdbcEnvironmentFeed(Jdbc jdbc) { this.jdbc = jdbc; }

    @Override
    public void append(UUID environmentId, String type, List<String> keys, Instant at) {
        // Keys cannot contain a comma (SecretKey), so they are stored comma-joined.
        // The rank counts this transaction's earlier rows of the environment through the primary key's range of
        // revisions [x * 1024, x * 1024 + 1024): a few index entries, however long the feed.
        jdbc.update("INSERT INTO environment_events (environment_id, revision, tx, type, keys, at) "
                        + "SELECT ?, t.x * 1024 + (SELECT COUNT(*) FROM environment_events WHERE environment_id = ? "
                        + "AND revision >= t.x * 1024 AND revision < t.x * 1024 + 1024), t.x, ?, ?, ? "
                        + "FROM (SELECT pg_current_xact_id()::text::bigint AS x) t",
                environmentId, environmentId, type, String.join(",", keys), at);
    }

    @Override
    public Map<UUID, List<Event>> after(Map<UUID, Long> revisions, int max) {
        Map<UUID, List<Event>> out = new LinkedHashMap<>();
        List<Map.Entry<UUID, Long>> all = List.copyOf(revisions.entrySet());
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<Map.Entry<UUID, Long>> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            List<Object> args = new ArrayList<>();
            chunk.forEach(e -> {
                args.add(e.getKey());
                args.add(e.getValue());
            });
            args.add(max);
            String watched = String.join(", ", java.util.Collections.nCopies(chunk.size(), "(CAST(? AS UUID), CAST(? AS BIGINT))"));
            jdbc.query("SELECT environment_id, revision, type, keys, at FROM ("
                            + "SELECT e.*, ROW_NUMBER() OVER (PARTITION BY e.environment_id ORDER BY e.revision) AS n "
                            + "FROM environment_events e JOIN (VALUES " + watched + ") AS w (env, since) "
                            + "ON e.environment_id = w.env AND e.revision > w.since "
                            + "WHERE e.tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint) r "
                            + "WHERE n <= ? ORDER BY environment_id, revision",
                    rs -> {
                        out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(new Event(rs.getLong(2), rs.getString(3),
                                rs.getString(4).isEmpty() ? List.of() : Arrays.asList(rs.getString(4).split(",")), Jdbc.instant(rs, "at")));
                        return null;
                    }, args.toArray());
        }
        return out;
    }

    @Override
    public long prunedThrough(UUID environmentId) {
        List<Long> found = jdbc.query("SELECT pruned_through FROM environment_feed_horizons WHERE environment_id = ?", rs -> rs.getLong(1), environmentId);
        return found.isEmpty() ? 0 : found.get(0);
    }

    @Override
    public void prune(Instant before) {
        jdbc.update("WITH gone AS (DELETE FROM environment_events WHERE at < ? RETURNING environment_id, revision) "
                + "INSERT INTO environment_feed_horizons (environment_id, pruned_through) "
                + "SELECT environment_id, MAX(revision) FROM gone GROUP BY environment_id "
                + "ON CONFLICT (environment_id) DO UPDATE SET pruned_through = GREATEST(environment_feed_horizons.pruned_through, EXCLUDED.pruned_through)",
                before);
    }
}
