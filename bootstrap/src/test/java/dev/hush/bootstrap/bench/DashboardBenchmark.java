package dev.hush.bootstrap.bench;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dashboard benchmark (not a test; {@code bench/dashboard-render}): the environment matrix of a project with
 * {@code bench.keys} keys in each of 5 environments, rendered by the server as a browser asks for it (the session
 * cookie, one GET). Prints the median and 90th percentile of the page's time, and the SQL statements PostgreSQL ran
 * per page (pg_stat_statements) for that project and for one with a tenth of the keys.
 */
public final class DashboardBenchmark {
    private DashboardBenchmark() {}

    public static void main(String[] args) throws Exception {
        int keys = Integer.parseInt(System.getProperty("bench.keys", "500"));
        int pages = Integer.parseInt(System.getProperty("bench.pages", "200"));
        Path work = Files.createTempDirectory("hush-dashboard-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).setCleanDataDirectory(true)
                .setServerConfig("shared_preload_libraries", "pg_stat_statements").setServerConfig("pg_stat_statements.track", "all").start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE EXTENSION pg_stat_statements");
            }
            Map<String, String> env = Map.of("HUSH_DATABASE_URL", pg.getJdbcUrl("postgres", "postgres"), "HUSH_DATABASE_USER", "postgres",
                    "HUSH_DATABASE_PASSWORD", "");
            System.out.printf("Hush dashboard benchmark — JVM %s; PostgreSQL 17 (embedded); %d cores shared%n", Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
            try (TestServer server = TestServer.start(work.resolve("data"), env, Map.of("hush.register.per-address-per-hour", 1000))) {
                Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
                var reg = session.post("/v1/auth/register", Map.of("email", "bench@example.com", "password", "benchmark password"));
                String cookie = reg.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("__hush_session="))
                        .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
                var me = session.get("/v1/auth/me").body();
                String orgId = me.at("/orgs/0/id").asText();
                String org = me.at("/orgs/0/slug").asText();
                Api api = Api.anonymous(server.base).withToken(session.post("/v1/auth/token", Map.of("name", "bench")).body().get("token").asText());
                project(api, orgId, "big", keys);
                project(api, orgId, "small", Math.max(1, keys / 10));

                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                URI big = server.base.resolve("/orgs/" + org + "/projects/big");
                for (int i = 0; i < 50; i++) {
                    get(http, big, cookie);
                }
                long[] ms = new long[pages];
                for (int i = 0; i < pages; i++) {
                    long t0 = System.nanoTime();
                    int bytes = get(http, big, cookie);
                    ms[i] = System.nanoTime() - t0;
                    if (i == 0) {
                        System.out.printf("matrix page: %d keys x 5 environments, %,d bytes of HTML%n", keys, bytes);
                    }
                }
                Arrays.sort(ms);
                System.out.printf("render (GET, server and loopback): median %.1f ms, p90 %.1f ms, over %d pages%n", ms[pages / 2] / 1e6,
                        ms[pages * 9 / 10] / 1e6, pages);
                double big500 = statementsPerPage(pg, http, big, cookie);
                double small = statementsPerPage(pg, http, server.base.resolve("/orgs/" + org + "/projects/small"), cookie);
                System.out.printf("SQL statements per page: %.1f with %d keys, %.1f with %d keys%n", big500, keys, small, Math.max(1, keys / 10));
            }
        } finally {
            TestFiles.deleteTree(work);
        }
    }

    static void project(Api api, String orgId, String slug, int keys) {
        check(api.post("/v1/projects/" + orgId, Map.of("name", slug, "slug", slug)).status(), 201);
        for (String env : List.of("qa", "perf")) {
            check(api.post("/v1/projects/" + orgId + "/" + slug + "/environments", Map.of("slug", env, "name", env, "readLevel", "staging")).status(), 201);
        }
        for (String env : List.of("dev", "staging", "prod", "qa", "perf")) {
            for (int from = 0; from < keys; from += 1000) {
                List<Map<String, Object>> batch = new ArrayList<>();
                for (int i = from; i < Math.min(keys, from + 1000); i++) {
                    Map<String, Object> entry = new HashMap<>();
                    entry.put("key", "KEY_" + i);
                    entry.put("value", env + "-value-" + i);
                    batch.add(entry);
                }
                check(api.post("/v1/secrets/" + orgId + "/" + slug + "/" + env + "/bulk", Map.of("secrets", batch)).status(), 200);
            }
        }
    }

    static int get(HttpClient http, URI uri, String cookie) throws Exception {
        var r = http.send(HttpRequest.newBuilder(uri).header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
        check(r.statusCode(), 200);
        return r.body().length();
    }

    /** The statements PostgreSQL ran per page view (pg_stat_statements calls), over 20 views. */
    static double statementsPerPage(EmbeddedPostgres pg, HttpClient http, URI uri, String cookie) throws Exception {
        long before = statements(pg);
        for (int i = 0; i < 20; i++) {
            get(http, uri, cookie);
        }
        return (statements(pg) - before) / 20.0;
    }

    static long statements(EmbeddedPostgres pg) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void check(int status, int expected) {
        if (status != expected) {
            throw new IllegalStateException("HTTP " + status + ", expected " + expected);
        }
    }
}
