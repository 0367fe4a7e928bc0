package dev.hush.persistence;

import dev.hush.application.port.RateLimits;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A sliding window per bucket: the bucket's row is locked ({@code SELECT ... FOR UPDATE}) for the rest of
 * the transaction while its events are counted, so requests on any number of nodes are counted one at a
 * time and the limit is exact. Events that left the window are deleted as it moves.
 */
@Singleton
final class JdbcRateLimits implements RateLimits {
    private final Jdbc jdbc;

    JdbcRateLimits(Jdbc jdbc) { this.jdbc = jdbc; }

    @Override
    public Optional<Duration> tryAcquire(String bucket, int limit, Duration window, Instant now) {
        lockBucket(bucket);
        Instant since = now.minus(window);
        jdbc.update("DELETE FROM rate_events WHERE bucket = ? AND at <= ?", bucket, since);
        List<Instant> events = jdbc.query("SELECT at FROM rate_events WHERE bucket = ? ORDER BY at", rs -> Jdbc.instant(rs, "at"), bucket);
        if (events.size() >= limit) {
            // The slot that frees first is the one taken by the oldest event still in the window.
            Duration wait = Duration.between(now, events.get(events.size() - limit).plus(window));
            return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
        }
        jdbc.update("INSERT INTO rate_events (bucket, at) VALUES (?, ?)", bucket, now);
        return Optional.empty();
    }

    private void lockBucket(String bucket) {
        if (jdbc.one("SELECT bucket FROM rate_buckets WHERE bucket = ? FOR UPDATE", rs -> rs.getString(1), bucket).isPresent()) {
            return;
        }
        // Two first requests at once: one insert fails with a conflict and its caller retries the transaction,
        // which then finds the row and waits for its lock.
        jdbc.update("INSERT INTO rate_buckets (bucket) VALUES (?)", bucket);
    }
}
