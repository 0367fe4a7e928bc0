package dev.hush.bootstrap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.application.crypto.RsaOaep;
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
 * single set, the framework floor (a fixed 100-secret JSON from memory), sealed set (RSA-OAEP to the org
 * key) and sealed retrieval of 100 secrets to an RSA-2048 client key at concurrency 1 and 16, then the
 * bare cryptographic cost of the two sealed operations in the same run.
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

        // Sealed transport: values sealed (RSA-OAEP-256) to the org key ahead of time, so the load generator
        // spends nothing on them; retrieval of the 100 dev secrets sealed to an RSA-2048 client key.
        String orgPem = send("GET", base.resolve("/v1/orgs/" + orgId + "/public-key"), token, null, null).get("publicKeyPem").asText();
        java.security.interfaces.RSAPublicKey orgKey = RsaOaep.parseClientKey("orgKey", orgPem);
        List<String> sealedBodies = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String sealed = java.util.Base64.getEncoder().encodeToString(RsaOaep.encrypt(orgKey,
                    ("sealed-value-" + i + "-" + "y".repeat(24)).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            sealedBodies.add("{\"key\":\"SEALED_" + (i % 50) + "\",\"sealed\":true,\"encryptedValue\":\"" + sealed + "\"}");
        }
        java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        java.security.KeyPair client = rsa.generateKeyPair();
        String clientPem = RsaOaep.pem(client.getPublic().getEncoded());
        String retrieveBody = JSON.writeValueAsString(Map.of("publicKeyPem", clientPem));
        URI retrieve = base.resolve("/v1/secrets/" + org + "/bench/dev/retrieve");
        AtomicLong sealedCounter = new AtomicLong();
        IntFunction<HttpRequest> sealedSetReq = i -> HttpRequest.newBuilder(set).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(sealedBodies.get((int) (sealedCounter.getAndIncrement() % sealedBodies.size())))).build();
        IntFunction<HttpRequest> retrieveReq = i -> HttpRequest.newBuilder(retrieve).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(retrieveBody)).build();
        checkBundle(send("POST", retrieve, token, Map.of("publicKeyPem", clientPem), null), client);

        // Warm-up: JIT, pools, caches.
        measure(floorReq, 4, 3);
        measure(pullReq, 4, 3);
        measure(setReq, 4, 2);
        measure(sealedSetReq, 4, 2);
        measure(retrieveReq, 4, 2);

        System.out.println();
        System.out.printf("%-34s %5s %10s %9s %9s%n", "scenario", "conc", "req/s", "p50 ms", "p99 ms");
        for (int c : new int[] {1, 16}) {
            print("pull 100 secrets (full, decrypted)", c, measure(pullReq, c, seconds));
            print("set one secret (new version)", c, measure(setReq, c, seconds));
            print("floor: fixed 100-secret JSON", c, measure(floorReq, c, seconds));
            print("sealed set (RSA-OAEP-3072 open)", c, measure(sealedSetReq, c, seconds));
            print("sealed retrieve 100 (to RSA-2048)", c, measure(retrieveReq, c, seconds));
        }
        BareCrypto.print(client);
    }

    /** The retrieved bundle opens with the client's key (JDK here; the tests use OpenSSL, WebCrypto and Bouncy Castle). */
    private static void checkBundle(JsonNode bundle, java.security.KeyPair client) throws Exception {
        javax.crypto.Cipher rsa = javax.crypto.Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(javax.crypto.Cipher.DECRYPT_MODE, client.getPrivate(), new javax.crypto.spec.OAEPParameterSpec("SHA-256", "MGF1",
                java.security.spec.MGF1ParameterSpec.SHA256, javax.crypto.spec.PSource.PSpecified.DEFAULT));
        byte[] aes = rsa.doFinal(java.util.Base64.getDecoder().decode(bundle.get("encryptedKey").asText()));
        byte[] blob = java.util.Base64.getDecoder().decode(bundle.get("encryptedSecrets").asText());
        javax.crypto.Cipher gcm = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(aes, "AES"),
                new javax.crypto.spec.GCMParameterSpec(128, blob, 0, 12));
        JsonNode secrets = JSON.readTree(gcm.doFinal(blob, 12, blob.length - 12)).get("secrets");
        if (secrets.size() != 100) {
            throw new IllegalStateException("expected a bundle of 100 secrets, got " + secrets.size());
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
