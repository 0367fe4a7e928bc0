package dev.hush.bootstrap.api.webhook;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestServer;
import dev.hush.bootstrap.support.TwoNodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two server nodes on one PostgreSQL share the webhook outbox (each of 40 deliveries reaches the receiver
 * exactly once) and the organizations' monthly API request counts (each request counted once, whichever node
 * served it, and the limit holds across nodes).
 */
class WebhooksTwoNodesPostgresTest {
    @Test
    void twoNodes_deliverEachEventOnce() throws Exception {
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
        receiver.createContext("/hook", ex -> {
            ex.getRequestBody().readAllBytes();
            seen.computeIfAbsent(ex.getRequestHeaders().getFirst("Hush-Webhook-Id"), k -> new AtomicInteger()).incrementAndGet();
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        Map<String, Object> props = Map.of("hush.webhook.allow", "127.0.0.1/32", "hush.webhooks.interval", "50ms", "hush.webhooks.backoff", "100ms",
                "hush.metrics.flush-interval", "100ms", "hush.plans.usage-refresh", "0ms");
        try (TwoNodes nodes = TwoNodes.start("hush-hooks-pg", props)) {
            TestServer a = nodes.a;
            TestServer b = nodes.b;
            Api session = Api.withCookies(a.base).header("X-Requested-With", "hush");
            var reg = session.post("/v1/auth/register", Map.of("email", "nodes@example.com", "password", "two nodes password"));
            String orgId = reg.body().at("/org/id").asText();
            String org = reg.body().at("/org/slug").asText();
            Api api = Api.anonymous(a.base).withToken(session.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText());
            assertThat(api.post("/v1/projects/" + orgId, Map.of("name", "P", "slug", "p")).status()).isEqualTo(201);
            assertThat(api.post("/v1/webhooks/" + orgId, Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                    "events", java.util.List.of("secret.created"))).status()).isEqualTo(201);
            for (int i = 0; i < 40; i++) {
                assertThat(api.put("/v1/secrets/" + org + "/p/dev", Map.of("key", "K" + i, "value", "v")).status()).isEqualTo(200);
            }
            for (int i = 0; i < 200 && seen.size() < 40; i++) {
                Thread.sleep(50);
            }
            Thread.sleep(500); // time for any duplicate to show up
            String hookId = api.get("/v1/webhooks/" + orgId).body().at("/webhooks/0/id").asText();
            assertThat(seen).as(api.get("/v1/webhooks/" + orgId + "/" + hookId).body().toString()).hasSize(40);
            assertThat(seen.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));

            Api onB = Api.anonymous(b.base).withToken(session.post("/v1/auth/token", Map.of("name", "b")).body().get("token").asText());
            long before = settled(api, onB, orgId);
            for (int i = 0; i < 3; i++) {
                assertThat(api.get("/v1/projects/" + orgId).status()).isEqualTo(200);
            }
            for (int i = 0; i < 4; i++) {
                assertThat(onB.get("/v1/projects/" + orgId).status()).isEqualTo(200);
            }
            assertThat(settled(api, onB, orgId)).as("each request counted once, whichever node served it").isEqualTo(before + 7);

            assertThat(session.send("PATCH", "/v1/admin/orgs/" + orgId, Map.of("limitOverrides", Map.of("apiRequestsPerMonth", before + 11)))
                    .status()).as("the first account is the platform admin").isEqualTo(200);
            int served = 0;
            for (int i = 0; i < 10; i++) {
                int status = (i % 2 == 0 ? api : onB).get("/v1/projects/" + orgId).status();
                assertThat(status).isIn(200, 402);
                served += status == 200 ? 1 : 0;
                settled(api, onB, orgId); // both nodes flushed: the next request sees every earlier one
            }
            assertThat(served).as("the limit holds across nodes").isEqualTo(4);
        } finally {
            receiver.stop(0);
        }
    }

    static long apiRequests(Api api, String orgId) {
        return api.get("/v1/billing/" + orgId).body().at("/usage/apiRequests").asLong();
    }

    /** The shared count once both nodes have flushed everything they counted (each node's view adds its own unsent requests). */
    static long settled(Api a, Api b, String orgId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            long onA = apiRequests(a, orgId);
            Thread.sleep(150);
            long onB = apiRequests(b, orgId);
            if (onA == onB && apiRequests(a, orgId) == onA) {
                return onA;
            }
        }
        throw new AssertionError("the nodes' counts never agreed");
    }
}
