package dev.hush.application.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Sliding-window counters shared by every server node on the database. Call inside a write transaction. */
public interface RateLimits {
    /**
     * Counts one event in {@code bucket} when fewer than {@code limit} happened in the {@code window} before
     * {@code now}, and answers empty; otherwise counts nothing and answers how long until one slot frees.
     * Exact under concurrent calls on any number of nodes.
     */
    Optional<Duration> tryAcquire(String bucket, int limit, Duration window, Instant now);
}
