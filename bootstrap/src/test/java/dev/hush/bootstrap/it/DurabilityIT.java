package dev.hush.bootstrap.it;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Fault drills on the packaged distribution, as an operator would run them: nothing that was
 * acknowledged is lost when the server (and its embedded PostgreSQL) is killed at random moments, and a
 * database outage answers 503 quickly and heals by itself.
 */
class DurabilityIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    record Answer(int status, JsonNode body, String retryAfter, long millis) {}

    static Answer send(URI base, String token, String method, String path, Object body) {
        long start = System.nanoTime();
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
            String payload = body == null ? null : Api.JSON.writeValueAsString(body);
            req.method(method, payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
            if (payload != null) {
                req.header("Content-Type", "application/json");
            }
            if (token != null) {
                req.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> res = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = res.body().isEmpty() ? null : Api.JSON.readTree(res.body());
            return new Answer(res.statusCode(), json, res.headers().firstValue("Retry-After").orElse(null), (System.nanoTime() - start) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, null, null, 0);
        } catch (Exception connectionLost) {
            return new Answer(-1, null, null, (System.nanoTime() - start) / 1_000_000); // outcome unknown: not acknowledged
        }
    }

    /** An owner's API token and org slug on a fresh server, with project {@code app}. */
    static String[] setUp(URI base) {
        Api cookies = Api.withCookies(base).header("X-Requested-With", "hush");
        var reg = cookies.post("/v1/auth/register", Map.of("email", "drill@example.com", "password", "drill password 123"));
        assertThat(reg.status()).isEqualTo(201);
        String org = reg.body().at("/org/slug").asText();
        String orgId = reg.body().at("/org/id").asText();
        String token = cookies.post("/v1/auth/token", Map.of("name", "drill")).body().get("token").asText();
        assertThat(send(base, token, "POST", "/v1/projects/" + org, Map.of("name", "App", "slug", "app")).status()).isEqualTo(201);
        return new String[] {token, org, orgId};
    }

    /**
     * A client writes continuously (single values and 10-value bulk writes) while the server is killed
     * with SIGKILL five times at random moments, three of them in one stroke with every process of its
     * PostgreSQL. After each restart every acknowledged write is there with its value (so it decrypts) and the
     * audit chain verifies.
     */
    @Test
    void sigkillAtRandomMoments_losesNoAcknowledgedWrite() throws Exception {
        Path dir = Files.createTempDirectory("hush-drill");
        Path data = dir.resolve("hush-data");
        Random random = new Random(20261130L);
        DistributionIT.Running server = DistributionIT.launch(data, Map.of());
        try {
            String[] ids = setUp(server.base());
            String token = ids[0];
            String org = ids[1];
            String orgId = ids[2];
            Map<String, String> acknowledged = new ConcurrentHashMap<>();
            AtomicReference<URI> base = new AtomicReference<>(server.base());
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger unknown = new AtomicInteger();
            Thread writer = new Thread(() -> {
                int n = 0;
                while (!stop.get()) {
                    n++;
                    if (n % 5 == 0) {
                        List<Map<String, Object>> batch = new ArrayList<>();
                        Map<String, String> values = new HashMap<>();
                        for (int i = 0; i < 10; i++) {
                            String key = "BULK_" + n + "_" + i;
                            String value = "bulk-value-" + n + "-" + i + "-" + Long.toHexString(random.nextLong());
                            batch.add(Map.of("key", key, "value", value));
                            values.put(key, value);
                        }
                        Answer a = send(base.get(), token, "POST", "/v1/secrets/" + org + "/app/dev/bulk", Map.of("secrets", batch));
                        if (a.status() == 200) {
                            acknowledged.putAll(values);
                        } else {
                            unknown.incrementAndGet();
                        }
                    } else {
                        String key = "KEY_" + n;
                        String value = "value-" + n + "-" + Long.toHexString(random.nextLong());
                        Answer a = send(base.get(), token, "PUT", "/v1/secrets/" + org + "/app/dev", Map.of("key", key, "value", value));
                        if (a.status() == 200) {
                            acknowledged.put(key, value);
                        } else {
                            unknown.incrementAndGet();
                        }
                    }
                }
            }, "drill-writer");
            writer.start();
            int kills = 5;
            for (int round = 1; round <= kills; round++) {
                Thread.sleep(700 + random.nextInt(1800));
                crash(server, data, round % 2 == 1);
                int before = acknowledged.size();
                server = DistributionIT.launch(data, Map.of());
                base.set(server.base());
                assertPresent(server.base(), token, org, acknowledged, "after kill " + round + " (" + before + " acknowledged)");
                Answer chain = send(server.base(), token, "GET", "/v1/audit/" + orgId + "/verify", null);
                assertThat(chain.body().get("valid").asBoolean()).as("audit chain after kill %d: %s", round, chain.body()).isTrue();
            }
            stop.set(true);
            writer.join(30_000);
            assertPresent(server.base(), token, org, acknowledged, "at the end");
            assertThat(acknowledged.size()).as("the writer made progress between kills").isGreaterThan(50);
            Answer verify = send(server.base(), token, "GET", "/v1/audit/" + orgId + "/verify", null);
            assertThat(verify.status()).isEqualTo(200);
            assertThat(verify.body().get("valid").asBoolean()).as("audit chain after %d kills: %s", kills, verify.body()).isTrue();
        } finally {
            stop(server);
            TestFiles.deleteTree(dir);
        }
    }

    /**
     * Sixteen clients pull the same organization's values while the server and its PostgreSQL are killed in one
     * stroke: after the restart, every pull that returned values has its {@code secret.read} event (a value is
     * returned only once its audit record is durable; the sealer picks up what the crash left in the journal) and
     * the chain verifies.
     */
    @Test
    void sixteenConcurrentPulls_killed_everyReturnedValueIsAudited() throws Exception {
        Path dir = Files.createTempDirectory("hush-drill-reads");
        Path data = dir.resolve("hush-data");
        DistributionIT.Running server = DistributionIT.launch(data, Map.of());
        try {
            String[] ids = setUp(server.base());
            String token = ids[0];
            String org = ids[1];
            String orgId = ids[2];
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(Map.of("key", "KEY_" + i, "value", "read-drill-" + i));
            }
            assertThat(send(server.base(), token, "POST", "/v1/secrets/" + org + "/app/dev/bulk", Map.of("secrets", batch)).status()).isEqualTo(200);
            URI base = server.base();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger returned = new AtomicInteger();
            List<Thread> pullers = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                Thread puller = new Thread(() -> {
                    while (!stop.get()) {
                        Answer a = send(base, token, "GET", "/v1/secrets/" + org + "/app/dev", null);
                        if (a.status() == 200 && a.body().get("secrets").size() == 100) {
                            returned.incrementAndGet();
                        }
                    }
                }, "drill-puller-" + t);
                pullers.add(puller);
                puller.start();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (returned.get() < 200 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            crash(server, data, true);
            stop.set(true);
            for (Thread puller : pullers) {
                puller.join(30_000);
            }
            int pulls = returned.get();
            assertThat(pulls).as("pulls returned before the kill").isGreaterThanOrEqualTo(200);

            server = DistributionIT.launch(data, Map.of());
            Answer reads = send(server.base(), token, "GET", "/v1/audit/" + orgId + "?action=secret.read&limit=1", null);
            assertThat(reads.status()).isEqualTo(200);
            assertThat(reads.body().at("/pagination/total").asLong()).as("secret.read events for %d returned pulls", pulls)
                    .isGreaterThanOrEqualTo(pulls);
            Answer verify = send(server.base(), token, "GET", "/v1/audit/" + orgId + "/verify", null);
            assertThat(verify.body().get("valid").asBoolean()).as("audit chain after the kill: %s", verify.body()).isTrue();
        } finally {
            stop(server);
            TestFiles.deleteTree(dir);
        }
    }

    /**
     * SIGKILL to the server and, with {@code withPostgres}, in the same stroke to every process of its PostgreSQL
     * (postmaster, backends, WAL writer): a crash of the machine, as near as a test gets, nothing given time to flush.
     */
    private static void crash(DistributionIT.Running server, Path data, boolean withPostgres) throws Exception {
        List<String> kill = new ArrayList<>(List.of("kill", "-KILL", Long.toString(server.process().pid())));
        if (withPostgres) {
            long pg = postmasterPid(data);
            kill.add(Long.toString(pg));
            ProcessHandle.of(pg).ifPresent(p -> p.descendants().forEach(d -> kill.add(Long.toString(d.pid()))));
        }
        new ProcessBuilder(kill).start().waitFor(10, TimeUnit.SECONDS);
        server.process().waitFor(30, TimeUnit.SECONDS);
    }

    private static long postmasterPid(Path data) throws Exception {
        return Long.parseLong(Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0).strip());
    }

    /** Every acknowledged key is there with its acknowledged value (pulled in full: decrypted by the server). */
    private static void assertPresent(URI base, String token, String org, Map<String, String> acknowledged, String when) {
        Map<String, String> snapshot = new HashMap<>(acknowledged);
        Map<String, String> stored = new HashMap<>();
        for (int offset = 0; ; offset += 500) {
            Answer a = send(base, token, "GET", "/v1/secrets/" + org + "/app/dev?limit=500&offset=" + offset, null);
            assertThat(a.status()).as("pull %s", when).isEqualTo(200);
            for (JsonNode s : a.body().get("secrets")) {
                stored.put(s.get("key").asText(), s.get("value").asText());
            }
            if (a.body().get("secrets").size() < 500) {
                break;
            }
        }
        for (var e : snapshot.entrySet()) {
            assertThat(stored.get(e.getKey())).as("acknowledged %s %s", e.getKey(), when).isEqualTo(e.getValue());
        }
    }

    /**
     * The database stops in the middle of traffic: reads and writes answer 503 database_unavailable with
     * Retry-After within 2 s, /health says DOWN within 2 s, and when the database is back the server
     * serves again without a restart, with everything acknowledged before the outage.
     */
    @Test
    void databaseOutage_answers503Fast_andRecoversWithoutRestart() throws Exception {
        Path dir = Files.createTempDirectory("hush-outage");
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres pg = startPg(dir.resolve("pg"), port);
        DistributionIT.Running server = DistributionIT.launch(dir.resolve("data"), Map.of(
                "HUSH_DATABASE_URL", pg.getJdbcUrl("postgres", "postgres"), "HUSH_DATABASE_USER", "postgres", "HUSH_DATABASE_PASSWORD", ""));
        try {
            String[] ids = setUp(server.base());
            String token = ids[0];
            String org = ids[1];
            String path = "/v1/secrets/" + org + "/app/dev";
            for (int i = 0; i < 20; i++) {
                assertThat(send(server.base(), token, "PUT", path, Map.of("key", "BEFORE_" + i, "value", "v" + i)).status()).isEqualTo(200);
            }
            pg.close(); // fast shutdown: every connection in the pool breaks

            List<Answer> during = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                during.add(send(server.base(), token, "PUT", path, Map.of("key", "DURING_" + i, "value", "x")));
                during.add(send(server.base(), token, "GET", path, null));
            }
            for (Answer a : during) {
                final var log = server.output();
                assertThat(a.status()).as("answer during the outage: %s (server log: %s)", a.body(), log).isEqualTo(503);
                assertThat(a.body().get("code").asText()).isEqualTo("database_unavailable");
                assertThat(a.retryAfter()).isNotNull();
                assertThat(a.millis()).as("answered within 2 s").isLessThan(2000);
            }
            Answer health = send(server.base(), null, "GET", "/health", null);
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.millis()).as("/health DOWN within 2 s").isLessThan(2000);

            pg = startPg(dir.resolve("pg"), port);
            Answer after = writeUntilStored(server.base(), token, path, "AFTER", "healed", 15, new HashMap<>());
            assertThat(after.status()).as("the server heals without a restart").isEqualTo(200);
            assertThat(send(server.base(), null, "GET", "/health", null).status()).isEqualTo(200);
            JsonNode secrets = send(server.base(), token, "GET", path, null).body().get("secrets");
            List<String> keys = new ArrayList<>();
            secrets.forEach(s -> keys.add(s.get("key").asText()));
            assertThat(keys).contains("BEFORE_0", "BEFORE_19", "AFTER").noneMatch(k -> k.startsWith("DURING_"));

            // A database that hangs instead of refusing (every process stopped): /health says DOWN within 2 s,
            // requests give up with a 503 (statements time out after 10 s), and it heals when the database resumes.
            List<String> pids = pgProcesses(dir.resolve("pg"));
            signal("STOP", pids);
            try {
                Answer hungHealth = send(server.base(), null, "GET", "/health", null);
                assertThat(hungHealth.status()).isEqualTo(503);
                assertThat(hungHealth.millis()).as("/health DOWN within 2 s on a hung database").isLessThan(2000);
                Answer hungWrite = send(server.base(), token, "PUT", path, Map.of("key", "HUNG", "value", "x"));
                assertThat(hungWrite.status()).as("a write on a hung database: %s", hungWrite.body()).isEqualTo(503);
                assertThat(hungWrite.millis()).as("given up within the 10 s statement limit").isLessThan(13_000);
            } finally {
                signal("CONT", pids);
            }
            after = writeUntilStored(server.base(), token, path, "RESUMED", "healed again", 15, new HashMap<>());
            assertThat(after.status()).as("heals when the database resumes").isEqualTo(200);
        } finally {
            stop(server);
            pg.close();
            TestFiles.deleteTree(dir);
        }
    }

    /**
     * The data directory's disk fills up while a client writes: no write is acknowledged that was not
     * stored, every refusal is a 503 (storage_full, or database_unavailable while PostgreSQL restarts),
     * never a 500; once space is freed the server writes again and every acknowledged value is there.
     * The disk is a 160 MB tmpfs mounted in a private mount namespace (root and unshare, as here and in CI).
     */
    @Test
    void fullDisk_acknowledgesNothingItDidNotStore_andRecovers() throws Exception {
        assumeRoot("a private mount namespace with a tmpfs (unshare -m)");
        Path dir = Files.createTempDirectory("hush-full");
        Path data = dir.resolve("hush-data");
        Files.createDirectories(data);
        List<String> prefix = List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount -t tmpfs -o size=160m,mode=0700 tmpfs \"$0\" && exec \"$@\"", data.toString());
        DistributionIT.Running server = DistributionIT.launch(prefix, data, Map.of());
        try {
            String[] ids = setUp(server.base());
            String token = ids[0];
            String org = ids[1];
            String path = "/v1/secrets/" + org + "/app/dev";
            Map<String, String> acknowledged = new HashMap<>();
            for (int i = 0; i < 20; i++) {
                String value = "before-" + i;
                assertThat(send(server.base(), token, "PUT", path, Map.of("key", "BEFORE_" + i, "value", value)).status()).isEqualTo(200);
                acknowledged.put("BEFORE_" + i, value);
            }
            // Fill the server's disk, seen through its own mount namespace.
            Path filler = Path.of("/proc", Long.toString(server.process().pid()), "root").resolve(data.toString().substring(1)).resolve("filler");
            try (var out = Files.newOutputStream(filler)) {
                byte[] mb = new byte[1 << 20];
                while (true) {
                    out.write(mb);
                }
            } catch (java.io.IOException full) {
                // no space left on device
            }
            Map<Integer, Integer> statuses = new HashMap<>();
            Map<String, Integer> codes = new HashMap<>();
            String big = "x".repeat(3000);
            for (int i = 0; i < 60; i++) {
                String key = "DURING_" + i;
                String value = big + i;
                Answer a = i % 2 == 0
                        ? send(server.base(), token, "PUT", path, Map.of("key", key, "value", value))
                        : send(server.base(), token, "POST", path + "/bulk", Map.of("secrets",
                                List.of(Map.of("key", key + "_A", "value", value), Map.of("key", key + "_B", "value", value))));
                statuses.merge(a.status(), 1, Integer::sum);
                if (a.status() == 200) {
                    if (i % 2 == 0) {
                        acknowledged.put(key, value);
                    } else {
                        acknowledged.put(key + "_A", value);
                        acknowledged.put(key + "_B", value);
                    }
                } else if (a.body() != null && a.body().get("code") != null) {
                    codes.merge(a.body().get("code").asText(), 1, Integer::sum);
                }
                Answer read = send(server.base(), token, "GET", path + "?keys=BEFORE_0", null);
                statuses.merge(read.status(), 1, Integer::sum);
            }
            System.out.println("Answers while the disk was full: statuses " + statuses + ", refusals " + codes);
            assertThat(statuses.keySet()).as("answers while the disk is full: %s %s", statuses, codes).isSubsetOf(200, 503);
            assertThat(codes.keySet()).as("refusals while the disk is full").isNotEmpty().isSubsetOf("storage_full", "database_unavailable");

            Files.delete(filler);
            Answer after = writeUntilStored(server.base(), token, path, "AFTER", "space again", 30, new HashMap<>());
            assertThat(after.status()).as("writes again once space is freed: %s", after.body()).isEqualTo(200);
            acknowledged.put("AFTER", "space again");
            assertPresent(server.base(), token, org, acknowledged, "after the disk was full");
        } finally {
            stop(server);
            TestFiles.deleteTree(dir);
        }
    }

    /** A data directory that cannot be written: the server refuses to start, with one line that says so. */
    @Test
    void readOnlyDataDirectory_refusesToStart_withOneClearLine() throws Exception {
        assumeRoot("the immutable attribute (chattr +i)");
        Path dir = Files.createTempDirectory("hush-readonly");
        Path data = dir.resolve("hush-data");
        Files.createDirectories(data);
        // Root ignores permission bits; the immutable attribute stops root too.
        assertThat(new ProcessBuilder("chattr", "+i", data.toString()).start().waitFor()).as("chattr +i").isZero();
        try {
            Process p = new ProcessBuilder(DistributionIT.command(List.of(), data)).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(1);
            assertThat(output.strip().lines().toList()).as(output).hasSize(1);
            assertThat(output).startsWith("hush: the server could not start: the data directory " + data.toRealPath() + " cannot be written");
        } finally {
            new ProcessBuilder("chattr", "-i", data.toString()).start().waitFor();
            TestFiles.deleteTree(dir);
        }
    }

    /**
     * These drills need root (CI and these machines run as root); a developer's non-root run skips them with
     * the reason, and CI (CI=true) never skips: there a missing privilege fails the test.
     */
    private static void assumeRoot(String what) {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must run as root for " + what);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(root, "needs root for " + what);
    }

    /** PUTs {@code key} every 200 ms until it is stored or {@code seconds} pass, tallying the answers; the last answer. */
    private static Answer writeUntilStored(URI base, String token, String path, String key, String value, int seconds,
                                           Map<Integer, Integer> statuses) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Answer after;
        do {
            Thread.sleep(200);
            after = send(base, token, "PUT", path, Map.of("key", key, "value", value));
            statuses.merge(after.status(), 1, Integer::sum);
        } while (after.status() != 200 && System.nanoTime() < deadline);
        return after;
    }

    /** SIGTERM, and the wait for the server (and its embedded PostgreSQL) to stop. */
    private static void stop(DistributionIT.Running server) throws InterruptedException {
        server.process().destroy();
        server.process().waitFor(60, TimeUnit.SECONDS);
    }

    /** Every process of the PostgreSQL on {@code pgData}: the postmaster and its children. */
    private static List<String> pgProcesses(Path pgData) throws Exception {
        long postmaster = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0).strip());
        List<String> pids = new ArrayList<>(List.of(Long.toString(postmaster)));
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(d -> pids.add(Long.toString(d.pid()))));
        return pids;
    }

    private static void signal(String signal, List<String> pids) throws Exception {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        command.addAll(pids);
        assertThat(new ProcessBuilder(command).start().waitFor()).as("kill -%s", signal).isZero();
    }

    /**
     * The embedded PostgreSQL dies under a running server (every process killed): requests answer 503, and
     * the server starts it again by itself, with everything acknowledged before.
     */
    @Test
    void embeddedPostgresKilled_isStartedAgain_withoutRestartingTheServer() throws Exception {
        Path dir = Files.createTempDirectory("hush-pg-killed");
        Path data = dir.resolve("hush-data");
        DistributionIT.Running server = DistributionIT.launch(data, Map.of());
        try {
            String[] ids = setUp(server.base());
            String token = ids[0];
            String org = ids[1];
            String path = "/v1/secrets/" + org + "/app/dev";
            Map<String, String> acknowledged = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                assertThat(send(server.base(), token, "PUT", path, Map.of("key", "BEFORE_" + i, "value", "v" + i)).status()).isEqualTo(200);
                acknowledged.put("BEFORE_" + i, "v" + i);
            }
            signal("KILL", pgProcesses(data.resolve("postgres")));
            Map<Integer, Integer> statuses = new HashMap<>();
            Answer after = writeUntilStored(server.base(), token, path, "AFTER", "back", 30, statuses);
            assertThat(after.status()).as("the server restarted its PostgreSQL: %s", statuses).isEqualTo(200);
            assertThat(statuses.keySet()).as("answers meanwhile").isSubsetOf(200, 503);
            acknowledged.put("AFTER", "back");
            assertPresent(server.base(), token, org, acknowledged, "after PostgreSQL was killed");
            assertThat(server.process().isAlive()).as("the server itself kept running").isTrue();
        } finally {
            stop(server);
            TestFiles.deleteTree(dir);
        }
    }

    private static EmbeddedPostgres startPg(Path dataDir, int port) throws java.io.IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }
}
