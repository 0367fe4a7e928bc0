package dev.hush.application.fakes;

import dev.hush.application.port.RequestMetrics;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Hourly rows by (hour, group), added to. */
public final class InMemoryRequestMetrics extends InMemoryStore implements RequestMetrics {
    private final Map<String, Hour> rows = table();

    public InMemoryRequestMetrics(FakeTransactions tx) { super(tx); }

    @Override
    public void add(Hour d) {
        writing();
        rows.merge(d.hour() + "|" + d.group(), d, (a, b) -> {
            long[] buckets = a.latencyBuckets().clone();
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] += b.latencyBuckets()[i];
            }
            return new Hour(a.hour(), a.group(), a.requests() + b.requests(), a.clientErrors() + b.clientErrors(), a.serverErrors() + b.serverErrors(),
                    buckets);
        });
    }

    @Override
    public List<Hour> since(Instant from) {
        reading();
        return rows.values().stream().filter(h -> !h.hour().isBefore(from)).sorted(Comparator.comparing(Hour::hour)).toList();
    }

    /** Test view. */
    public List<Hour> all() { return List.copyOf(rows.values()); }
}
