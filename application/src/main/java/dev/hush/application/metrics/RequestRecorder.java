package dev.hush.application.metrics;

import dev.hush.application.port.RequestMetrics;
import dev.hush.application.port.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts requests per route group in memory (cheap, lock-free per request) and flushes them into the hourly
 * rows every few seconds, for the admin summary ({@link MetricsSummary}). Route groups are a fixed set, so no
 * path, id or value ever becomes a label; the web adapter uses the same groups for its Prometheus meters.
 */
public final class RequestRecorder {
    private final RequestMetrics store;
    private final Transactions tx;
    private final Clock clock;
    private final Map<String, Counts> pending = new ConcurrentHashMap<>();

    public RequestRecorder(RequestMetrics store, Transactions tx, Clock clock) {
        this.store = store;
        this.tx = tx;
        this.clock = clock;
    }

    static final class Counts {
        long requests;
        long clientErrors;
        long serverErrors;
        final long[] buckets = new long[RequestMetrics.BOUNDS_MS.length + 1];

        synchronized void add(int status, long nanos) {
            requests++;
            if (status >= 500) {
                serverErrors++;
            } else if (status >= 400) {
                clientErrors++;
            }
            long ms = nanos / 1_000_000;
            int i = 0;
            while (i < RequestMetrics.BOUNDS_MS.length && ms > RequestMetrics.BOUNDS_MS[i]) {
                i++;
            }
            buckets[i]++;
        }
    }

    /** The route group of a path: a fixed vocabulary. */
    public static String group(String path) {
        if (path.startsWith("/organization/")) {
            return "crate";
        }
        if (path.startsWith("/api/v1/secrets")) {
            return "poliglot";
        }
        if (path.equals("/health") || path.startsWith("/health/")) {
            return "health";
        }
        if (path.startsWith("/v1/")) {
            int end = path.indexOf('/', 4);
            String g = end < 0 ? path.substring(4) : path.substring(4, end);
            return switch (g) {
                case "auth", "orgs", "members", "projects", "secrets", "templates", "audit", "webhooks", "billing", "admin" -> g;
                case "openapi.json" -> "openapi";
                default -> "other";
            };
        }
        return "other";
    }

    public void record(String path, int status, long nanos) {
        String g = group(path);
        pending.computeIfAbsent(g, k -> new Counts()).add(status, nanos);
    }

    /** Writes the counts gathered since the last flush into the current hour's rows. */
    public synchronized void flush() {
        Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
        List<RequestMetrics.Hour> deltas = new ArrayList<>();
        for (String g : new ArrayList<>(pending.keySet())) {
            Counts c = pending.remove(g);
            if (c != null) {
                synchronized (c) {
                    deltas.add(new RequestMetrics.Hour(hour, g, c.requests, c.clientErrors, c.serverErrors, c.buckets.clone()));
                }
            }
        }
        if (deltas.isEmpty()) {
            return;
        }
        try {
            tx.write(() -> {
                deltas.stream().sorted(java.util.Comparator.comparing(RequestMetrics.Hour::group)).forEach(store::add);
                return null;
            });
        } catch (RuntimeException e) {
            // Not lost: added back, written with the next flush (the hour may be the next one by then).
            for (RequestMetrics.Hour d : deltas) {
                Counts back = pending.computeIfAbsent(d.group(), k -> new Counts());
                synchronized (back) {
                    back.requests += d.requests();
                    back.clientErrors += d.clientErrors();
                    back.serverErrors += d.serverErrors();
                    for (int i = 0; i < back.buckets.length; i++) {
                        back.buckets[i] += d.latencyBuckets()[i];
                    }
                }
            }
            throw e;
        }
    }
}
