package dev.hush.bootstrap.api.plan;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics the server records itself: the admin summary per route group, and the Prometheus text. */
class MetricsTest {
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

            var prometheus = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(server.base.resolve("/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(prometheus.statusCode()).isEqualTo(200);
            assertThat(prometheus.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
            String text = prometheus.body();
            assertThat(text).contains("hush_http_requests_total{group=\"auth\",status=\"4xx\"}")
                    .contains("hush_http_request_duration_seconds_bucket{group=\"auth\",le=\"+Inf\"}")
                    .doesNotContain(org).doesNotContain("metrics-admin");
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    /** HUSH_METRICS_TOKEN: once set, a scrape needs it as a bearer token (compared in constant time). */
    @Test
    void prometheus_withAToken_needsIt() throws Exception {
        Path dir = Files.createTempDirectory("hush-metrics-token");
        try (TestServer server = TestServer.start(dir.resolve("data"), Map.of(), Map.of("hush.metrics.token", "scrape-token-7"))) {
            assertThat(Api.anonymous(server.base).get("/metrics").status()).isEqualTo(401);
            assertThat(Api.anonymous(server.base).withToken("scrape-token-8").get("/metrics").status()).isEqualTo(401);
            var scrape = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(server.base.resolve("/metrics"))
                    .header("Authorization", "Bearer scrape-token-7").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("hush_http_requests_total");
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
