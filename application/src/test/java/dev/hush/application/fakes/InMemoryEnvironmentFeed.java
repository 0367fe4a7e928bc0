package dev.hush.application.fakes;

import dev.hush.application.port.EnvironmentFeed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The change feed in memory: revisions from one counter, every change final at once. */
public final class InMemoryEnvironmentFeed implements EnvironmentFeed {
    private record Row(UUID environment, Event event) {}

    private final List<Row> rows = new ArrayList<>();
    private final Map<UUID, Long> pruned = new HashMap<>();
    private long next = 1;
    /** How many reads {@link #after(Map, int)} served. */
    public final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public synchronized void append(UUID environmentId, String type, List<String> keys, Instant at) {
        rows.add(new Row(environmentId, new Event(next++, type, keys, at)));
    }

    @Override
    public synchronized Map<UUID, List<Event>> after(Map<UUID, Long> revisions, int max) {
        reads.incrementAndGet();
        Map<UUID, List<Event>> out = new HashMap<>();
        revisions.forEach((env, revision) -> {
            List<Event> events = rows.stream().filter(r -> r.environment().equals(env) && r.event().revision() > revision).map(Row::event)
                    .limit(max).toList();
            if (!events.isEmpty()) {
                out.put(env, events);
            }
        });
        return out;
    }

    @Override
    public synchronized long prunedThrough(UUID environmentId) {
        return pruned.getOrDefault(environmentId, 0L);
    }

    @Override
    public synchronized void prune(Instant before) {
        rows.removeIf(r -> {
            if (r.event().at().isBefore(before)) {
                pruned.merge(r.environment(), r.event().revision(), Math::max);
                return true;
            }
            return false;
        });
    }
}
