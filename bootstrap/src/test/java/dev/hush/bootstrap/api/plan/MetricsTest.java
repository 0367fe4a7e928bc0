package dev.hush.bootstrap.api.plan;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The metrics the server records itself: the admin summary per route group, and the Prometheus text. */
class MetricsTest {
    /** The admin summary's latency buckets, in seconds, as the README lists them. */
    private static final List<String> BUCKETS = List.of("0.001", "0.002", "0.005", "0.01", "0.02", "0.05", "0.1", "0.2", "0.5",
            "1.0", "2.0", "5.0", "10.0", "+Inf");

    @Test
    void summaryAndPrometheus_countRequestsPerRouteGroup_withoutIdsOrValues() throws Exception {
        Path dir = Files.createTempDirectory("hush-metrics");
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            Api admin = Api.withCookies(server.base).header("X-Requested-With", "hush");
            var reg = admin.post("/v1/auth/register", Map.of("email", "metrics-admin@example.com", "password", "metrics password 1"));
            String org = reg.body().at("/org/slug").asText();
            for (int i = 0; i < 5; i++) {
                admin.get("/v1/auth/me");
            }
            admin.get("/v1/secrets/" + org + "/nope/dev");                       // 404
            Api.anonymous(server.base).get("/v1/auth/me");                        // 401
            Api user = Api.withCookies(server.base).header("X-Requested-With", "hush");
            user.post("/v1/auth/register", Map.of("email", "metrics-user@example.com", "password", "metrics password 2"));

            var summary = admin.get("/v1/admin/metrics/summary?hours=1");
            assertThat(summary.status()).isEqualTo(200);
            JsonNode groups = summary.body().get("groups");
            JsonNode auth = null;
            for (JsonNode g : groups) {
                if (g.get("group").asText().equals("auth")) {
                    auth = g;
                }
            }
            assertThat(auth).isNotNull();
            assertThat(auth.get("requests").asLong()).isGreaterThanOrEqualTo(8);
            assertThat(auth.get("clientErrors").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(auth.get("p50Ms").asLong()).isPositive();
            assertThat(auth.get("p99Ms").asLong()).isGreaterThanOrEqualTo(auth.get("p50Ms").asLong());
            assertThat(groups.toString()).contains("\"secrets\"");
            assertThat(summary.body().at("/total/requests").asLong()).isGreaterThanOrEqualTo(auth.get("requests").asLong());
            assertThat(admin.get("/v1/admin/metrics/summary").body().get("hours").asInt()).isEqualTo(24);
            assertThat(admin.get("/v1/admin/metrics/summary?hours=0").status()).isEqualTo(400);
            assertThat(admin.get("/v1/admin/metrics/summary?hours=169").status()).isEqualTo(400);
            assertThat(user.get("/v1/admin/metrics/summary").status()).isEqualTo(403);

            HttpResponse<String> first = scrape(server.base.resolve("/metrics"), null);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("content-type").orElse("")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            Exposition before = Exposition.parse(first.body());
            assertThat(before.types).containsEntry("hush_http_requests_total", "counter")
                    .containsEntry("hush_http_request_duration_seconds", "histogram");
            assertThat(first.body()).doesNotContain(org).doesNotContain("metrics-admin").doesNotContain("metrics-user");

            // Exactly these requests happen between the two scrapes in the auth group: 3 answered, 1 refused.
            for (int i = 0; i < 3; i++) {
                assertThat(admin.get("/v1/auth/me").status()).isEqualTo(200);
            }
            assertThat(Api.anonymous(server.base).get("/v1/auth/me").status()).isEqualTo(401);
            Exposition after = Exposition.parse(scrape(server.base.resolve("/metrics"), null).body());

            String ok = "hush_http_requests_total{group=\"auth\",status=\"2xx_3xx\"}";
            String refused = "hush_http_requests_total{group=\"auth\",status=\"4xx\"}";
            String failed = "hush_http_requests_total{group=\"auth\",status=\"5xx\"}";
            String count = "hush_http_request_duration_seconds_count{group=\"auth\"}";
            assertThat(after.value(ok) - before.value(ok)).isEqualTo(3);
            assertThat(after.value(refused) - before.value(refused)).isEqualTo(1);
            assertThat(after.value(failed)).isZero();
            assertThat(after.value(count) - before.value(count)).isEqualTo(4);
            assertThat(after.value(count)).isEqualTo(after.value(ok) + after.value(refused) + after.value(failed));
            assertThat(after.value("hush_http_request_duration_seconds_sum{group=\"auth\"}")).isPositive();
            // The histogram keeps the admin summary's buckets, cumulative, the last one equal to the count.
            double previous = 0;
            for (String le : BUCKETS) {
                double bucket = after.value("hush_http_request_duration_seconds_bucket{group=\"auth\",le=\"" + le + "\"}");
                assertThat(bucket).isGreaterThanOrEqualTo(previous);
                previous = bucket;
            }
            assertThat(previous).isEqualTo(after.value(count));
            // Labels of Hush's series: route groups and status classes only (never a path, id or value).
            for (Sample s : after.samples) {
                if (s.name.startsWith("hush_")) {
                    assertThat(s.labels.keySet()).isSubsetOf("group", "status", "le");
                    assertThat(s.labels.get("group")).matches("[a-z]+");
                }
            }
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    /**
     * HUSH_METRICS_TOKEN: once set, a scrape needs it as a bearer token (compared in constant time); and
     * HUSH_METRICS_PROMETHEUS_PATH moves the endpoint.
     */
    @Test
    void prometheus_withATokenAndAPath_needsTheTokenThere() throws Exception {
        Path dir = Files.createTempDirectory("hush-metrics-token");
        try (TestServer server = TestServer.start(dir.resolve("data"), Map.of(),
                Map.of("hush.metrics.token", "scrape-token-7", "hush.metrics.prometheus.path", "/ops/metrics"))) {
            assertThat(Api.anonymous(server.base).get("/ops/metrics").status()).isEqualTo(401);
            assertThat(Api.anonymous(server.base).withToken("scrape-token-8").get("/ops/metrics").status()).isEqualTo(401);
            assertThat(scrape(server.base.resolve("/metrics"), "scrape-token-7").statusCode()).isEqualTo(404);
            var scrape = scrape(server.base.resolve("/ops/metrics"), "scrape-token-7");
            assertThat(scrape.statusCode()).isEqualTo(200);
            Exposition text = Exposition.parse(scrape.body());
            assertThat(text.value("hush_http_requests_total{group=\"other\",status=\"4xx\"}")).isGreaterThanOrEqualTo(3);
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    /** HUSH_METRICS_PROMETHEUS_ENABLED=false: no endpoint (Micronaut's own metrics endpoints stay off too). */
    @Test
    void prometheus_turnedOff_isNotServed() throws Exception {
        Path dir = Files.createTempDirectory("hush-metrics-off");
        try (TestServer server = TestServer.start(dir.resolve("data"), Map.of(), Map.of("hush.metrics.prometheus.enabled", "false"))) {
            assertThat(scrape(server.base.resolve("/metrics"), null).statusCode()).isEqualTo(404);
            assertThat(scrape(server.base.resolve("/prometheus"), null).statusCode()).isEqualTo(404);
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    private static HttpResponse<String> scrape(URI uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    record Sample(String name, Map<String, String> labels, double value) {
        /** {@code name{a="1",b="2"}}, labels sorted by name. */
        String key() {
            if (labels.isEmpty()) {
                return name;
            }
            StringBuilder sb = new StringBuilder(name).append('{');
            labels.forEach((k, v) -> sb.append(k).append("=\"").append(v).append("\","));
            sb.setLength(sb.length() - 1);
            return sb.append('}').toString();
        }
    }

    /**
     * A strict reader of the Prometheus text format 0.0.4, written here rather than taken from the library
     * that writes it: every line must be a {@code # HELP}, a {@code # TYPE} or a sample, a series appears once,
     * and a sample's metric family was declared before it.
     */
    static final class Exposition {
        private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
        private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
        private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
        private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(.*)})? (\\S+)(?: -?\\d+)?");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\",?");

        final Map<String, String> types = new HashMap<>();
        final List<Sample> samples = new ArrayList<>();
        private final Map<String, Double> values = new LinkedHashMap<>();

        static Exposition parse(String text) {
            Exposition e = new Exposition();
            assertThat(text).endsWith("\n");
            for (String line : text.split("\n")) {
                Matcher m;
                if ((m = TYPE.matcher(line)).matches()) {
                    assertThat(e.types.put(m.group(1), m.group(2))).as("TYPE declared twice: %s", line).isNull();
                } else if (HELP.matcher(line).matches()) {
                    continue;
                } else if ((m = SAMPLE.matcher(line)).matches()) {
                    Map<String, String> labels = new TreeMap<>();
                    if (m.group(2) != null) {
                        Matcher l = LABEL.matcher(m.group(2));
                        int end = 0;
                        while (l.find() && l.start() == end) {
                            assertThat(labels.put(l.group(1), l.group(2))).as("label repeated: %s", line).isNull();
                            end = l.end();
                        }
                        assertThat(end).as("labels of: %s", line).isEqualTo(m.group(2).length());
                    }
                    Sample s = new Sample(m.group(1), labels, Double.parseDouble(m.group(3).replace("+Inf", "Infinity")));
                    assertThat(e.family(s.name)).as("sample before its TYPE: %s", line).isNotNull();
                    assertThat(e.values.put(s.key(), s.value)).as("series repeated: %s", line).isNull();
                    e.samples.add(s);
                } else {
                    throw new AssertionError("not Prometheus text format 0.0.4: " + line);
                }
            }
            return e;
        }

        /** The declared family a sample belongs to ({@code x_bucket} belongs to histogram {@code x}). */
        private String family(String name) {
            if (types.containsKey(name)) {
                return name;
            }
            for (String suffix : List.of("_bucket", "_sum", "_count")) {
                if (name.endsWith(suffix)) {
                    String base = name.substring(0, name.length() - suffix.length());
                    if ("histogram".equals(types.get(base)) || "summary".equals(types.get(base))) {
                        return base;
                    }
                }
            }
            return null;
        }

        /** The value of a series written as {@code name{a="1",b="2"}} (labels in name order); fails when absent. */
        double value(String series) {
            Double v = values.get(series);
            assertThat(v).as("series %s in the scrape", series).isNotNull();
            return v;
        }
    }
}
