package dev.hush.bootstrap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The API benchmark (not a test): starts embedded PostgreSQL 17 and the Hush server as a separate
 * process on it, seeds one project with 3 environments x 100 secrets, and measures pull of 100 secrets,
 * single set, and the framework floor (a fixed 100-secret JSON from memory) at concurrency 1 and 16.
 * Run with {@code bench/api-benchmark}; prints a table. The load generator shares the machine's cores.
 */
public final class ApiBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "bootstrap/target/hush.jar").toAbsolutePath();
        String javaBin = args.length > 1 ? args[1] : ProcessHandle.current().info().command().orElse("java");
        int seconds = Integer.parseInt(System.getProperty("bench.seconds", "8"));
        Path work = Files.createTempDirectory("hush-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pg")).setCleanDataDirectory(true).start()) {
            int port = freePort();
            ProcessBuilder pb = new ProcessBuilder(javaBin, "-jar", jar.toString(), "server", "--port", String.valueOf(port),
                    "--data-dir", work.resolve("data").toString());
            pb.environment().put("HUSH_DATABASE_URL", pg.getJdbcUrl("postgres", "postgres"));
            pb.environment().put("HUSH_DATABASE_USER", "postgres");
            pb.environment().put("HUSH_DATABASE_PASSWORD", "");
            pb.environment().put("HUSH_BENCHMARK_FLOOR_ENDPOINT", "true");
            pb.redirectErrorStream(true).redirectOutput(work.resolve("server.log").toFile());
            Process server = pb.start();
            try {
                URI base = URI.create("http://127.0.0.1:" + port);
                waitForHealth(base, server, work);
                String javaVersion = new String(new ProcessBuilder(javaBin, "-version").redirectErrorStream(true).start()
                        .getInputStream().readAllBytes()).lines().findFirst().orElse("?");
                System.out.printf("Hush API benchmark — server JVM: %s; PostgreSQL 17 (embedded); %d cores shared with the load generator; %d s per cell%n",
                        javaVersion, Runtime.getRuntime().availableProcessors(), seconds);
                run(base, seconds);
            } finally {
                server.destroy();
                server.waitFor();
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(URI base, int seconds) throws Exception {
        JsonNode reg = send("POST", base.resolve("/v1/auth/register"), null, Map.of("email", "bench@example.com", "password", "benchmark-password"), null);
        String org = reg.at("/org/slug").asText();
        String orgId = reg.at("/org/id").asText();
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(base.resolve("/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"bench@example.com\",\"password\":\"benchmark-password\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("set-cookie").orElseThrow().split(";")[0];
        String token = send("POST", base.resolve("/v1/auth/token"), null, Map.of("name", "bench"), cookie).get("token").asText();
        send("POST", base.resolve("/v1/projects/" + orgId), token, Map.of("name", "Bench", "slug", "bench"), null);
        for (String env : List.of("dev", "staging", "prod")) {
            List<Map<String, Object>> secrets = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                secrets.add(Map.of("key", String.format("SECRET_%03d", i), "value", env + "-value-" + "x".repeat(24) + i, "tags", List.of("bench")));
            }
            send("POST", base.resolve("/v1/secrets/" + org + "/bench/" + env + "/bulk"), token, Map.of("secrets", secrets), null);
        }
        URI pull = base.resolve("/v1/secrets/" + org + "/bench/dev");
        URI set = base.resolve("/v1/secrets/" + org + "/bench/staging");
        URI floor = base.resolve("/bench/floor");
        int pulled = send("GET", pull, token, null, null).get("secrets").size();
        if (pulled != 100) {
            throw new IllegalStateException("expected 100 secrets, pulled " + pulled);
        }
        AtomicLong counter = new AtomicLong();
        IntFunction<HttpRequest> pullReq = i -> HttpRequest.newBuilder(pull).header("Authorization", "Bearer " + token).GET().build();
        IntFunction<HttpRequest> floorReq = i -> HttpRequest.newBuilder(floor).GET().build();
        IntFunction<HttpRequest> setReq = i -> HttpRequest.newBuilder(set).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"key\":\"SET_" + (counter.get() % 50) + "\",\"value\":\"v" + counter.incrementAndGet() + "\"}")).build();

        // Warm-up: JIT, pools, caches.
        measure(floorReq, 4, 3);
        measure(pullReq, 4, 3);
        measure(setReq, 4, 2);

        System.out.println();
        System.out.printf("%-34s %5s %10s %9s %9s%n", "scenario", "conc", "req/s", "p50 ms", "p99 ms");
        for (int c : new int[] {1, 16}) {
            print("pull 100 secrets (full, decrypted)", c, measure(pullReq, c, seconds));
            print("set one secret (new version)", c, measure(setReq, c, seconds));
            print("floor: fixed 100-secret JSON", c, measure(floorReq, c, seconds));
        }
    }

    record Result(long count, double seconds, long[] latenciesNanos, long errors) {}

    private static Result measure(IntFunction<HttpRequest> request, int concurrency, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<long[]> perThread = new ArrayList<>();
        long[] counts = new long[concurrency];
        long[] errors = new long[concurrency];
        CountDownLatch done = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            long[] lat = new long[2_000_000 / concurrency];
            perThread.add(lat);
            int id = t;
            Thread worker = new Thread(() -> {
                try {
                    int i = 0;
                    while (System.nanoTime() < deadline && i < lat.length) {
                        long t0 = System.nanoTime();
                        HttpResponse<byte[]> r = HTTP.send(request.apply(i), HttpResponse.BodyHandlers.ofByteArray());
                        lat[i++] = System.nanoTime() - t0;
                        if (r.statusCode() >= 300) {
                            errors[id]++;
                        }
                    }
                    counts[id] = i;
                } catch (IOException | InterruptedException e) {
                    errors[id]++;
                } finally {
                    done.countDown();
                }
            });
            worker.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int k = 0;
        for (int t = 0; t < concurrency; t++) {
            System.arraycopy(perThread.get(t), 0, all, k, (int) counts[t]);
            k += (int) counts[t];
        }
        Arrays.sort(all);
        return new Result(total, elapsed, all, Arrays.stream(errors).sum());
    }

    private static void print(String name, int c, Result r) {
        long[] l = r.latenciesNanos();
        double p50 = l.length == 0 ? 0 : l[(int) (l.length * 0.50)] / 1e6;
        double p99 = l.length == 0 ? 0 : l[Math.min(l.length - 1, (int) (l.length * 0.99))] / 1e6;
        System.out.printf("%-34s %5d %10.0f %9.2f %9.2f%s%n", name, c, r.count() / r.seconds(), p50, p99,
                r.errors() > 0 ? "  (" + r.errors() + " errors)" : "");
    }

    private static JsonNode send(String method, URI uri, String token, Object body, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        b.header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (cookie != null) {
            b.header("Cookie", cookie).header("X-Requested-With", "hush");
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + uri + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    private static void waitForHealth(URI base, Process server, Path work) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("server exited: " + Files.readString(work.resolve("server.log")));
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(base.resolve("/health")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("server did not become healthy");
    }

    private static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
