package dev.hush.persistence;

import dev.hush.application.port.RequestMetrics;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

@Singleton
final class JdbcRequestMetrics implements RequestMetrics {
    private final Jdbc jdbc;

    JdbcRequestMetrics(Jdbc jdbc) { this.jdbc = jdbc; }

    @Override
    public void add(Hour d) {
        var current = jdbc.one("SELECT latency_buckets FROM request_metrics WHERE hour_start = ? AND route_group = ? FOR UPDATE",
                rs -> rs.getString(1), d.hour(), d.group());
        if (current.isEmpty()) {
            jdbc.update("INSERT INTO request_metrics (hour_start, route_group, requests, client_errors, server_errors, latency_buckets) VALUES (?, ?, ?, ?, ?, ?)",
                    d.hour(), d.group(), d.requests(), d.clientErrors(), d.serverErrors(), encode(d.latencyBuckets()));
            return;
        }
        long[] merged = decode(current.get());
        for (int i = 0; i < merged.length && i < d.latencyBuckets().length; i++) {
            merged[i] += d.latencyBuckets()[i];
        }
        jdbc.update("UPDATE request_metrics SET requests = requests + ?, client_errors = client_errors + ?, server_errors = server_errors + ?, "
                + "latency_buckets = ? WHERE hour_start = ? AND route_group = ?", d.requests(), d.clientErrors(), d.serverErrors(), encode(merged),
                d.hour(), d.group());
    }

    @Override
    public List<Hour> since(Instant from) {
        return jdbc.query("SELECT * FROM request_metrics WHERE hour_start >= ? ORDER BY hour_start", rs -> new Hour(Jdbc.instant(rs, "hour_start"),
                rs.getString("route_group"), rs.getLong("requests"), rs.getLong("client_errors"), rs.getLong("server_errors"),
                decode(rs.getString("latency_buckets"))), from);
    }

    static String encode(long[] buckets) { return Arrays.stream(buckets).mapToObj(Long::toString).collect(Collectors.joining(",")); }

    static long[] decode(String text) {
        long[] out = new long[RequestMetrics.BOUNDS_MS.length + 1];
        String[] parts = text.split(",");
        for (int i = 0; i < parts.length && i < out.length; i++) {
            out[i] = Long.parseLong(parts[i].strip());
        }
        return out;
    }
}
