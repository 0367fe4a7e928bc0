package dev.hush.application.fakes;

import dev.hush.application.port.EnvironmentFeed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The change feed in memory: revisions from one counter, every change final at once. */
public final class InMemoryEnvironmentFeed implements EnvironmentFeed {
    private record Row(UUID environment, Event event) {}

    private final List<Row> rows = new ArrayList<>();
    private long next = 1;

    @Override
    public synchronized void append(UUID environmentId, String type, List<String> keys, Instant at) {
        rows.add(new Row(environmentId, new Event(next++, type, keys, at)));
    }

    @Override
    public synchronized List<Event> after(UUID environmentId, long revision, int max) {
        return rows.stream().filter(r -> r.environment().equals(environmentId) && r.event().revision() > revision).map(Row::event).limit(max).toList();
    }
}
