package dev.hush.bootstrap.api.secret;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pulls count accesses that are written in the background while bulk writes lock the same secrets (in name
 * order): the background write must never make a bulk write fail, and no access is lost.
 */
class AccessStatisticsConcurrencyTest {
    @Test
    void bulkWrites_whileAccessStatisticsAreWritten_neverFail_andEveryAccessIsCounted() throws Exception {
        Path dir = Files.createTempDirectory("hush-access-race");
        try (TestServer server = TestServer.start(dir.resolve("data"), Map.of(), Map.of("hush.access-counter.flush-interval", "20ms"))) {
            Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
            var reg = session.post("/v1/auth/register", Map.of("email", "race@example.com", "password", "race password 12"));
            String org = reg.body().at("/org/slug").asText();
            Api api = Api.anonymous(server.base).withToken(session.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText());
            assertThat(api.post("/v1/projects/" + org, Map.of("name", "App", "slug", "app")).status()).isEqualTo(201);
            String env = "/v1/secrets/" + org + "/app/dev";
            List<Map<String, Object>> first = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                first.add(Map.of("key", "K" + i, "value", "v"));
            }
            assertThat(api.post(env + "/bulk", Map.of("secrets", first)).status()).isEqualTo(200);
            java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicInteger pulls = new java.util.concurrent.atomic.AtomicInteger();
            Thread puller = new Thread(() -> {
                while (writing.get()) {
                    if (api.get(env).status() == 200) { // one access to each of the 80, written while bulk writes run
                        pulls.incrementAndGet();
                    }
                }
            });
            puller.start();
            try {
                for (int round = 0; round < 40; round++) {
                    List<Map<String, Object>> secrets = new ArrayList<>();
                    for (int i = 0; i < 80; i++) {
                        secrets.add(Map.of("key", "K" + ((i * 37) % 80), "value", "v" + round));
                    }
                    var bulk = api.post(env + "/bulk", Map.of("secrets", secrets));
                    assertThat(bulk.status()).as("round " + round + ": " + bulk.raw().body()).isEqualTo(200);
                }
            } finally {
                writing.set(false);
                puller.join(30_000);
            }
            int rounds = pulls.get();
            assertThat(rounds).isPositive();
            long counted = 0;
            for (int i = 0; i < 100; i++) {
                Thread.sleep(50);
                counted = api.get(env + "/keys?keys=K0").body().at("/secrets/0/accessCount").asLong();
                if (counted == rounds) {
                    break;
                }
            }
            assertThat(counted).as("every pull counted once").isEqualTo(rounds);
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
