package dev.hush.application.fakes;

import dev.hush.application.port.RateLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sliding windows: the events of each bucket, as {@code JdbcRateLimits} keeps them. */
public final class InMemoryRateLimits extends InMemoryStore implements RateLimits {
    private final Map<String, List<Instant>> buckets = table();

    public InMemoryRateLimits(FakeTransactions tx) { super(tx); }

    @Override
    public Optional<Duration> tryAcquire(String bucket, int limit, Duration window, Instant now) {
        writing();
        Instant since = now.minus(window);
        List<Instant> events = new ArrayList<>(buckets.getOrDefault(bucket, List.of()).stream().filter(t -> t.isAfter(since)).toList());
        if (events.size() >= limit) {
            buckets.put(bucket, List.copyOf(events));
            Duration wait = Duration.between(now, events.get(events.size() - limit).plus(window));
            return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
        }
        events.add(now);
        buckets.put(bucket, List.copyOf(events));
        return Optional.empty();
    }

    /** Test view: the events counted in a bucket. */
    public int count(String bucket) { return buckets.getOrDefault(bucket, List.of()).size(); }
}
