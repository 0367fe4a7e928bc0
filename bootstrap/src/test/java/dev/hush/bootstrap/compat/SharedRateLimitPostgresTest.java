package dev.hush.bootstrap.compat;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.EmbeddedPg;
import dev.hush.bootstrap.support.Sodium;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Poliglot value-read limit is one counter for every server node on a database: two nodes on one real
 * PostgreSQL, 120 concurrent reads by one user spread over both, exactly 100 answered and 20 refused with
 * 429. Also: a server key issued by one node works on the other (keys live in the database, wrapped).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedRateLimitPostgresTest {
    Path dir;
    EmbeddedPg pg;
    TestServer nodeA;
    TestServer nodeB;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("hush-two-nodes");
        pg = new EmbeddedPg(dir.resolve("pgdata"));
        nodeA = TestServer.postgres(dir.resolve("a"), pg.jdbcUrl(), "postgres");
        // Both nodes share the database and the root key, as two replicas behind a load balancer would.
        Files.createDirectories(dir.resolve("b"));
        Files.copy(dir.resolve("a").resolve("root.key"), dir.resolve("b").resolve("root.key"));
        nodeB = TestServer.postgres(dir.resolve("b"), pg.jdbcUrl(), "postgres");
    }

    @AfterAll
    void stop() throws IOException {
        for (TestServer s : new TestServer[] {nodeA, nodeB}) {
            if (s != null) {
                s.close();
            }
        }
        if (pg != null) {
            pg.close();
        }
        TestFiles.deleteTree(dir);
    }

    @Test
    void concurrentReadsOnTwoNodes_areCountedExactlyOnce() throws Exception {
        Api session = Api.withCookies(nodeA.base).header("X-Requested-With", "hush");
        assertThat(session.post("/v1/auth/register", Map.of("email", "two@nodes.test", "password", "two nodes password")).status()).isEqualTo(201);
        var me = session.get("/v1/auth/me").body();
        String orgId = me.at("/orgs/0/id").asText();
        String org = me.at("/orgs/0/slug").asText();
        String token = session.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText();
        Api a = Api.anonymous(nodeA.base).withToken(token);
        Api b = Api.anonymous(nodeB.base).withToken(token);
        assertThat(a.post("/v1/projects/" + orgId, Map.of("name", "P", "slug", "p")).status()).isEqualTo(201);
        assertThat(a.put("/v1/secrets/" + org + "/p/dev", Map.of("key", "K", "value", "two-node-value")).status()).isEqualTo(200);
        String id = a.get("/v1/secrets/" + org + "/p/dev/keys").body().at("/secrets/0/id").asText();
        String path = "/api/v1/secrets/" + org + "/" + id + "/value";

        // A server key from node A opens on node B.
        var key = a.post("/api/v1/secrets/" + org + "/pubkey", null).body().get("data");
        Sodium.KeyPair client = Sodium.keyPair();
        var viaB = b.get(path + "?clientPublicKey=" + java.net.URLEncoder.encode(client.publicB64(), java.nio.charset.StandardCharsets.UTF_8)
                + "&keyId=" + key.get("keyId").asText());
        assertThat(viaB.status()).isEqualTo(200);
        assertThat(PoliglotApiTest.open(client, viaB.body())).isEqualTo("two-node-value");

        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 119; i++) {
            Api node = i % 2 == 0 ? a : b;
            results.add(pool.submit(() -> node.header("X-Ephemeral-Pubkey", Sodium.keyPair().publicB64()).get(path).status()));
        }
        int ok = 0;
        int limited = 0;
        for (Future<Integer> f : results) {
            int status = f.get();
            if (status == 200) {
                ok++;
            } else if (status == 429) {
                limited++;
            } else {
                throw new AssertionError("unexpected status " + status);
            }
        }
        pool.shutdown();
        assertThat(ok).as("one read before the burst, then exactly 99 more").isEqualTo(99);
        assertThat(limited).isEqualTo(20);
    }
}
