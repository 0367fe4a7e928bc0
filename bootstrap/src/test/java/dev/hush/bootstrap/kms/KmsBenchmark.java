package dev.hush.bootstrap.kms;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.EmbeddedPg;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.keys.RotateProjectKey;
import dev.hush.application.keys.RotateRootKey;
import dev.hush.application.port.Organizations;
import dev.hush.application.port.RootKeys;
import dev.hush.application.port.Transactions;
import dev.hush.domain.tenant.Organization;
import dev.hush.domain.tenant.Slug;
import dev.hush.kms.vault.VaultTransitStandIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * The KMS benchmark (not a test): Hush in this JVM on embedded PostgreSQL 17 with the {@code vault}
 * provider pointed at the Transit stand-in answering with 5 ms of added latency. Prints root rotation
 * time for 1,000 organizations, the project re-encryption rate for 100,000 values (each against its target
 * from issue 14: under 2 s, at least 20,000 values/s), and pull throughput with a warm and a cold key
 * cache. Run with {@code bench/kms-benchmark}.
 */
public final class KmsBenchmark {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        int orgCount = Integer.parseInt(System.getProperty("bench.orgs", "1000"));
        int values = Integer.parseInt(System.getProperty("bench.values", "100000"));
        int seconds = Integer.parseInt(System.getProperty("bench.seconds", "8"));
        Path work = Files.createTempDirectory("hush-kms-bench");
        try (EmbeddedPg pg = new EmbeddedPg(work.resolve("pg")); VaultTransitStandIn vault = new VaultTransitStandIn("s.bench")) {
            vault.createKey("transit", "hush-root");
            vault.latency(5);
            Map<String, Object> kms = Map.of("hush.kms.provider", "vault", "hush.kms.vault.address", vault.address(), "hush.kms.vault.token", "s.bench",
                    "hush.kms.vault.key-name", "hush-root", "hush.key-rotation.interval", "1h", "micronaut.server.netty.worker.threads", 4);
            Map<String, String> env = Map.of("HUSH_DATABASE_URL", pg.jdbcUrl(), "HUSH_DATABASE_USER", "postgres", "HUSH_DATABASE_PASSWORD", "");
            System.out.printf("Hush KMS benchmark — JVM %s; PostgreSQL 17 (embedded); vault provider, Transit stand-in with 5 ms latency; %d cores shared%n",
                    Runtime.version(), Runtime.getRuntime().availableProcessors());
            try (TestServer server = TestServer.start(work.resolve("data"), env, kms)) {
                rootRotation(server, vault, orgCount);
                reencryption(server, values);
            }
            try (TestServer server = TestServer.start(work.resolve("data"), env, kms)) {
                pulls(server, "warm", seconds);
                pulls(server, "cold", seconds);
            }
        } finally {
            TestFiles.deleteTree(work);
        }
    }

    static void rootRotation(TestServer server, VaultTransitStandIn vault, int orgCount) {
        Organizations orgs = server.context.getBean(Organizations.class);
        Transactions tx = server.context.getBean(Transactions.class);
        KeyHierarchy keys = server.context.getBean(KeyHierarchy.class);
        RootKeys root = server.context.getBean(RootKeys.class);
        long t0 = System.nanoTime();
        for (int i = 0; i < orgCount; i++) {
            UUID id = UUID.randomUUID();
            var wrapped = keys.newOrganizationKeys(id, new byte[] {1}, new byte[32]).kek();
            tx.write(() -> {
                orgs.insert(new Organization(id, new Slug("bench-" + id.toString().substring(0, 8)), "Bench", Instant.now()), wrapped);
                return null;
            });
        }
        double setup = (System.nanoTime() - t0) / 1e9;
        vault.rotate("transit", "hush-root");
        RotateRootKey rotate = server.context.getBean(RotateRootKey.class);
        long t1 = System.nanoTime();
        var r = rotate.rewrapAll(root, root);
        double took = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        var again = rotate.rewrapAll(root, root);
        double rerun = (System.nanoTime() - t2) / 1e9;
        System.out.printf("%nroot rotation: %d organizations (created in %.1f s) rewrapped in %.2f s = %.0f orgs/s (%d rewrapped); re-run %.2f s (%d left)%n",
                r.organizations(), setup, took, r.organizations() / took, r.rewrapped(), rerun, again.rewrapped());
        target("root rotation of 1,000 organizations in under 2 s", orgCount == 1000 ? took < 2.0 : r.organizations() / took >= 500,
                orgCount == 1000 ? String.format("%.2f s", took) : String.format("%.0f orgs/s against 500 orgs/s, on %d organizations", r.organizations() / took, orgCount));
    }

    /** One line per target of issue 14: met or not, and the figure it was judged on. */
    static void target(String what, boolean met, String figure) {
        System.out.printf("  target %s: %s (%s)%n", what, met ? "met" : "NOT MET", figure);
    }

    static void reencryption(TestServer server, int values) throws Exception {
        Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
        var reg = session.post("/v1/auth/register", Map.of("email", "bench@example.com", "password", "benchmark password"));
        String orgId = reg.body().at("/org/id").asText();
        String org = reg.body().at("/org/slug").asText();
        String token = session.post("/v1/auth/token", Map.of("name", "b")).body().get("token").asText();
        Api api = Api.anonymous(server.base).withToken(token);
        api.post("/v1/projects/" + orgId, Map.of("name", "Big", "slug", "big"));
        long t0 = System.nanoTime();
        for (int start = 0; start < values; start += 1000) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(values, start + 1000); i++) {
                batch.add(Map.of("key", "K" + i, "value", "value-" + i + "-xxxxxxxxxxxxxxxxxxxxxxxx"));
            }
            var r = api.post("/v1/secrets/" + org + "/big/dev/bulk", Map.of("secrets", batch));
            if (r.status() != 200) {
                throw new IllegalStateException("bulk failed: " + r.status());
            }
        }
        double load = (System.nanoTime() - t0) / 1e9;
        api.post("/v1/projects/" + orgId + "/big/rotate-key", null);
        RotateProjectKey job = server.context.getBean(RotateProjectKey.class);
        long t1 = System.nanoTime();
        while (api.get("/v1/projects/" + orgId + "/big").body().at("/keyRotation/finishedAt").isNull()) {
            job.step();
        }
        double took = (System.nanoTime() - t1) / 1e9;
        System.out.printf("project re-encryption: %d values (loaded in %.1f s) re-encrypted in %.1f s = %.0f values/s%n", values, load, took, values / took);
        target("project re-encryption at 20,000 values/s or more", values / took >= 20_000, String.format("%.0f values/s", values / took));
        var pulled = api.get("/v1/secrets/" + org + "/big/dev?keys=K0,K" + (values - 1)).body().get("secrets");
        if (pulled.size() != 2) {
            throw new IllegalStateException("values unreadable after rotation");
        }
    }

    static void pulls(TestServer server, String cache, int seconds) throws Exception {
        Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
        session.post("/v1/auth/login", Map.of("email", "bench@example.com", "password", "benchmark password"));
        String org = session.get("/v1/auth/me").body().at("/orgs/0/slug").asText();
        String orgId = session.get("/v1/auth/me").body().at("/orgs/0/id").asText();
        String token = session.post("/v1/auth/token", Map.of("name", "p")).body().get("token").asText();
        Api api = Api.anonymous(server.base).withToken(token);
        if (api.get("/v1/projects/" + orgId + "/small").status() == 404) {
            api.post("/v1/projects/" + orgId, Map.of("name", "Small", "slug", "small"));
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(Map.of("key", "S" + i, "value", "small-value-" + i));
            }
            api.post("/v1/secrets/" + org + "/small/dev/bulk", Map.of("secrets", batch));
        }
        URI pull = server.base.resolve("/v1/secrets/" + org + "/small/dev");
        HttpRequest req = HttpRequest.newBuilder(pull).header("Authorization", "Bearer " + token).build();
        // Cold: the unwrapped keys of the organization and the project are dropped before every request, so
        // each one unwraps the organization key through the KMS (5 ms) and the project key under it.
        UUID org0 = UUID.fromString(orgId);
        UUID project = UUID.fromString(api.get("/v1/projects/" + orgId + "/small").body().get("id").asText());
        KeyHierarchy keys = server.context.getBean(KeyHierarchy.class);
        Runnable before = cache.equals("cold") ? () -> {
            keys.forgetOrganization(org0);
            keys.forgetProject(project, 1);
        } : () -> { };
        measure(req, 2, 2, before);
        for (int c : new int[] {1, 16}) {
            long[] lat = measure(req, c, seconds, before);
            System.out.printf("pull 100 secrets, %s key cache, concurrency %2d: %6.0f req/s, p50 %.2f ms, p99 %.2f ms%n", cache, c,
                    lat.length / (double) seconds, lat[lat.length / 2] / 1e6, lat[Math.min(lat.length - 1, (int) (lat.length * 0.99))] / 1e6);
        }
    }

    static long[] measure(HttpRequest req, int concurrency, int seconds, Runnable before) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<long[]> all = new ArrayList<>();
        int[] counts = new int[concurrency];
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int t = 0; t < concurrency; t++) {
            long[] lat = new long[200_000];
            all.add(lat);
            int id = t;
            new Thread(() -> {
                try {
                    int i = 0;
                    while (System.nanoTime() < deadline && i < lat.length) {
                        before.run();
                        long s = System.nanoTime();
                        if (HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                            throw new IllegalStateException("pull failed");
                        }
                        lat[i++] = System.nanoTime() - s;
                    }
                    counts[id] = i;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        long[] merged = new long[Arrays.stream(counts).sum()];
        int k = 0;
        for (int t = 0; t < concurrency; t++) {
            System.arraycopy(all.get(t), 0, merged, k, counts[t]);
            k += counts[t];
        }
        Arrays.sort(merged);
        return merged;
    }
}
