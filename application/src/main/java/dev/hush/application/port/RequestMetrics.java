package dev.hush.application.port;

import java.time.Instant;
import java.util.List;

/** Hourly request metrics per route group, added up across nodes. */
public interface RequestMetrics {
    /** Upper bounds (ms) of the latency histogram buckets; the last bucket is everything above. */
    long[] BOUNDS_MS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000};

    record Hour(Instant hour, String group, long requests, long clientErrors, long serverErrors, long[] latencyBuckets) {}

    /** Adds these counts to the stored ones (creating the row when missing). */
    void add(Hour delta);

    List<Hour> since(Instant from);
}
