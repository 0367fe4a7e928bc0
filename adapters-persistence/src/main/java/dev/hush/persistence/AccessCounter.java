package dev.hush.persistence;

import dev.hush.application.port.BufferedStatistics;
import dev.hush.domain.Rejection;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access statistics ({@code accessCount}, {@code lastAccessedAt}) are added up in memory and written when
 * the server's flush job says (once a second, and at shutdown: {@code bootstrap/FlushJobs}), in one transaction that takes only the rows no one else holds
 * ({@code FOR UPDATE SKIP LOCKED}): a write that holds some of the same secrets (locked in its own order)
 * neither waits for it nor deadlocks with it, and the rows it holds are counted at the next flush.
 * Increments commute, so several nodes can flush into one database. A crash loses at most the last second
 * of statistics (never a secret or a version).
 */
@Singleton
final class AccessCounter implements BufferedStatistics {
    private static final Logger LOG = LoggerFactory.getLogger(AccessCounter.class);

    private record Pending(long count, Instant last) {
        Pending plus(Pending o) { return new Pending(count + o.count, last.isAfter(o.last) ? last : o.last); }
    }

    private final ConcurrentHashMap<UUID, Pending> pending = new ConcurrentHashMap<>();
    private final Jdbc jdbc;
    private final TransactionOperations<Connection> tx;

    AccessCounter(Jdbc jdbc, TransactionOperations<Connection> tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    void record(Collection<UUID> ids, Instant at) {
        Pending one = new Pending(1, at);
        for (UUID id : ids) {
            pending.merge(id, one, Pending::plus);
        }
    }

    @Override
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<UUID, Pending> batch = new TreeMap<>();
        for (UUID id : List.copyOf(pending.keySet())) {
            Pending p = pending.remove(id);
            if (p != null) {
                batch.put(id, p);
            }
        }
        try {
            java.util.Set<UUID> locked = tx.executeWrite(status -> {
                // Only rows no request holds: a write transaction locks its secrets in its own order (by name), so
                // waiting here could deadlock with it. A row skipped now is counted at the next flush.
                java.util.Set<UUID> free = new java.util.HashSet<>();
                for (List<UUID> chunk : Jdbc.chunks(List.copyOf(batch.keySet()))) {
                    free.addAll(jdbc.query("SELECT id FROM secrets WHERE id IN (" + Jdbc.marks(chunk.size()) + ") FOR UPDATE SKIP LOCKED",
                            rs -> Jdbc.uuid(rs, "id"), chunk.toArray()));
                }
                List<Object[]> rows = new ArrayList<>(free.size());
                batch.forEach((id, p) -> {
                    if (free.contains(id)) {
                        rows.add(new Object[] {p.count(), p.last(), p.last(), id});
                    }
                });
                jdbc.batch("UPDATE secrets SET access_count = access_count + ?, last_accessed_at = "
                        + "CASE WHEN last_accessed_at IS NULL OR last_accessed_at < ? THEN ? ELSE last_accessed_at END WHERE id = ?", rows);
                // Of the rest, those that still exist were locked: they wait for the next flush (deleted ones are gone).
                java.util.Set<UUID> busy = new java.util.HashSet<>();
                List<UUID> rest = batch.keySet().stream().filter(id -> !free.contains(id)).toList();
                for (List<UUID> chunk : Jdbc.chunks(rest)) {
                    busy.addAll(jdbc.query("SELECT id FROM secrets WHERE id IN (" + Jdbc.marks(chunk.size()) + ")", rs -> Jdbc.uuid(rs, "id"),
                            chunk.toArray()));
                }
                return busy;
            });
            batch.forEach((id, p) -> {
                if (locked.contains(id)) {
                    pending.merge(id, p, Pending::plus);
                }
            });
        } catch (RuntimeException e) {
            batch.forEach((id, p) -> pending.merge(id, p, Pending::plus));
            LOG.warn("Could not write access statistics ({}); will retry", e instanceof Rejection r ? r.code() : e.getClass().getSimpleName());
        }
    }
}
