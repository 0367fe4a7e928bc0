package dev.hush.application.metrics;

import dev.hush.application.auth.Caller;
import dev.hush.application.plan.AdminConsole;
import dev.hush.application.port.RequestMetrics;
import dev.hush.application.port.Transactions;
import dev.hush.domain.Rejection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /v1/admin/metrics/summary?hours=N}: per route group over the last N hours (1..168, default 24), all nodes. */
public final class MetricsSummary {
    private final RequestMetrics store;
    private final RequestRecorder recorder;
    private final Transactions tx;
    private final Clock clock;

    public MetricsSummary(RequestMetrics store, RequestRecorder recorder, Transactions tx, Clock clock) {
        this.store = store;
        this.recorder = recorder;
        this.tx = tx;
        this.clock = clock;
    }

    public record Group(String group, long requests, long clientErrors, long serverErrors, double errorRate, long p50Ms, long p95Ms, long p99Ms) {}

    public record Summary(int hours, Instant from, Instant to, List<Group> groups, Group total) {}

    public Summary summary(Caller caller, Integer hours) {
        AdminConsole.requirePlatformAdmin(caller);
        int h = hours == null ? 24 : hours;
        if (h < 1 || h > 168) {
            throw Rejection.invalid("hours", "must be between 1 and 168");
        }
        recorder.flush();
        Instant to = clock.instant();
        Instant from = to.truncatedTo(ChronoUnit.HOURS).minus(h - 1L, ChronoUnit.HOURS);
        List<RequestMetrics.Hour> rows = tx.read(() -> store.since(from));
        Map<String, long[]> buckets = new TreeMap<>();
        Map<String, long[]> counts = new TreeMap<>();
        long[] allBuckets = new long[RequestMetrics.BOUNDS_MS.length + 1];
        long[] all = new long[3];
        for (RequestMetrics.Hour r : rows) {
            long[] b = buckets.computeIfAbsent(r.group(), k -> new long[RequestMetrics.BOUNDS_MS.length + 1]);
            long[] c = counts.computeIfAbsent(r.group(), k -> new long[3]);
            for (int i = 0; i < b.length; i++) {
                b[i] += r.latencyBuckets()[i];
                allBuckets[i] += r.latencyBuckets()[i];
            }
            c[0] += r.requests();
            c[1] += r.clientErrors();
            c[2] += r.serverErrors();
            all[0] += r.requests();
            all[1] += r.clientErrors();
            all[2] += r.serverErrors();
        }
        List<Group> groups = new ArrayList<>();
        for (var e : counts.entrySet()) {
            groups.add(group(e.getKey(), e.getValue(), buckets.get(e.getKey())));
        }
        return new Summary(h, from, to, groups, group("all", all, allBuckets));
    }

    private static Group group(String name, long[] c, long[] b) {
        return new Group(name, c[0], c[1], c[2], c[0] == 0 ? 0 : (double) c[2] / c[0], percentile(b, 0.50), percentile(b, 0.95), percentile(b, 0.99));
    }

    /** The upper bound (ms) of the histogram bucket holding the percentile; -1 when there is no request; above the last bound: that bound. */
    static long percentile(long[] buckets, double p) {
        long total = 0;
        for (long b : buckets) {
            total += b;
        }
        if (total == 0) {
            return -1;
        }
        long rank = (long) Math.ceil(p * total);
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= rank) {
                return i < RequestMetrics.BOUNDS_MS.length ? RequestMetrics.BOUNDS_MS[i] : RequestMetrics.BOUNDS_MS[RequestMetrics.BOUNDS_MS.length - 1];
            }
        }
        return RequestMetrics.BOUNDS_MS[RequestMetrics.BOUNDS_MS.length - 1];
    }
}
