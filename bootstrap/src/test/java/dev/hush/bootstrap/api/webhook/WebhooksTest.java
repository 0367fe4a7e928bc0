package dev.hush.bootstrap.api.webhook;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Webhooks over HTTP with a local receiver (allowlisted, as a self-hosted operator would): every secret
 * event arrives signed (checked with the OpenSSL command line), payloads carry no value, a failing receiver
 * is retried then logged as failed, redirects are not followed, and targets on loopback or private
 * addresses are refused when they are not allowlisted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhooksTest {
    record Received(String path, Map<String, String> headers, String body) {}

    Path dir;
    TestServer server;
    HttpServer receiver;
    final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    final AtomicInteger failing = new AtomicInteger();
    final AtomicInteger landed = new AtomicInteger();
    Api owner;
    String orgId;
    String org;

    @BeforeAll
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/hook", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            received.add(new Received("/hook", headers, body));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.createContext("/bulk", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received("/bulk", Map.of("hush-webhook-event", "bulk:" + ex.getRequestHeaders().getFirst("Hush-Webhook-Event")), body));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.createContext("/fail", ex -> {
            failing.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            byte[] b = "receiver-secret-body".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(500, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        receiver.createContext("/redirect", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Location", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/landing");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        receiver.createContext("/landing", ex -> {
            landed.incrementAndGet();
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        dir = Files.createTempDirectory("hush-webhooks");
        server = TestServer.start(dir.resolve("data"), Map.of(), Map.of("hush.webhooks.allow", "127.0.0.1/32", "hush.webhooks.interval", "100ms",
                "hush.webhooks.backoff", "100ms", "hush.webhooks.max-attempts", "3", "hush.webhooks.deadline", "2s"));
        Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
        var reg = session.post("/v1/auth/register", Map.of("email", "hooks@example.com", "password", "webhooks password 1"));
        orgId = reg.body().at("/org/id").asText();
        org = reg.body().at("/org/slug").asText();
        owner = Api.anonymous(server.base).withToken(session.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText());
        assertThat(owner.post("/v1/projects/" + orgId, Map.of("name", "Web", "slug", "web")).status()).isEqualTo(201);
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
        receiver.stop(0);
        TestFiles.deleteTree(dir);
    }

    String url(String path) { return "http://127.0.0.1:" + receiver.getAddress().getPort() + path; }

    Received await(String event) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            for (Received r : received) {
                if (event.equals(r.headers().get("hush-webhook-event"))) {
                    received.remove(r);
                    return r;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + event + " delivery; got " + received);
    }

    static String opensslHmac(String secret, String message) throws Exception {
        Path file = Files.createTempFile("hmac", ".txt");
        Files.writeString(file, message);
        Process p = new ProcessBuilder("openssl", "dgst", "-sha256", "-hmac", secret, "-r", file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(p.waitFor()).isZero();
        Files.delete(file);
        return out.split(" ")[0].strip();
    }

    @Test
    void everySecretEvent_arrivesSigned_withoutValues() throws Exception {
        var created = owner.post("/v1/webhooks/" + orgId, Map.of("url", url("/hook"), "description", "all events"));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.body().get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        String id = created.body().get("id").asText();
        assertThat(owner.get("/v1/webhooks/" + orgId + "/" + id).body().toString()).doesNotContain(secret);

        String s = "/v1/secrets/" + org + "/web/";
        owner.put(s + "dev", Map.of("key", "DB_URL", "value", "hook-canary-1"));
        Received first = await("secret.created");
        String expected = opensslHmac(secret, first.headers().get("hush-webhook-id") + "." + first.headers().get("hush-webhook-timestamp") + "."
                + first.body());
        assertThat(first.headers().get("hush-webhook-signature")).isEqualTo("v1=" + expected);
        assertThat(Math.abs(Long.parseLong(first.headers().get("hush-webhook-timestamp")) - java.time.Instant.now().getEpochSecond())).isLessThan(60);
        JsonNode payload = Api.JSON.readTree(first.body());
        assertThat(payload.get("event").asText()).isEqualTo("secret.created");
        assertThat(payload.at("/org/slug").asText()).isEqualTo(org);
        assertThat(payload.get("project").asText()).isEqualTo("web");
        assertThat(payload.get("environment").asText()).isEqualTo("dev");
        assertThat(payload.get("keys").toString()).isEqualTo("[\"DB_URL\"]");
        assertThat(payload.at("/versions/DB_URL").asInt()).isEqualTo(1);
        assertThat(payload.at("/actor/userId").asText()).isNotBlank();

        owner.put(s + "dev", Map.of("key", "DB_URL", "value", "hook-canary-2"));
        assertThat(Api.JSON.readTree(await("secret.updated").body()).at("/versions/DB_URL").asInt()).isEqualTo(2);
        owner.post(s + "dev/bulk", Map.of("secrets", List.of(Map.of("key", "A", "value", "hook-canary-3"), Map.of("key", "B", "value", "x"))));
        assertThat(Api.JSON.readTree(await("secret.bulk_set").body()).get("keys").toString()).isEqualTo("[\"A\",\"B\"]");
        owner.post("/v1/secrets/" + org + "/web/promote", Map.of("from", "dev", "to", "staging", "keys", List.of("A")));
        assertThat(Api.JSON.readTree(await("secret.promoted").body()).get("environment").asText()).isEqualTo("staging");
        owner.delete(s + "dev/A");
        await("secret.deleted");
        owner.post(s + "dev/bulk-delete", Map.of("keys", List.of("B", "DB_URL")));
        assertThat(Api.JSON.readTree(await("secret.bulk_delete").body()).get("keys").toString()).isEqualTo("[\"B\",\"DB_URL\"]");
        for (Received r : received) {
            assertThat(r.body()).doesNotContain("hook-canary");
        }
        // The receiver may see the last request before the sender has recorded its answer: wait for the record.
        JsonNode details = owner.get("/v1/webhooks/" + orgId + "/" + id).body();
        for (int i = 0; i < 100 && !details.get("deliveries").get(0).get("status").asText().equals("succeeded"); i++) {
            Thread.sleep(50);
            details = owner.get("/v1/webhooks/" + orgId + "/" + id).body();
        }
        assertThat(details.get("deliveries").size()).isGreaterThanOrEqualTo(6);
        assertThat(details.get("deliveries").get(0).get("status").asText()).isEqualTo("succeeded");
        assertThat(details.toString()).doesNotContain("hook-canary");

        var test = owner.post("/v1/webhooks/" + orgId + "/" + id + "/test", null);
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.body().get("status").asText()).isEqualTo("succeeded");
        await("webhook.test");
    }

    @Test
    void aFailingReceiver_isRetriedWithBackoff_thenLoggedAsFailed_andCanBeRedelivered() throws Exception {
        var created = owner.post("/v1/webhooks/" + orgId, Map.of("url", url("/fail"), "events", List.of("secret.created")));
        String id = created.body().get("id").asText();
        owner.put("/v1/secrets/" + org + "/web/prod", Map.of("key", "FAILING", "value", "v"));
        JsonNode delivery = null;
        for (int i = 0; i < 100; i++) {
            JsonNode d = owner.get("/v1/webhooks/" + orgId + "/" + id).body().at("/deliveries/0");
            if (!d.isMissingNode() && d.get("status").asText().equals("failed")) {
                delivery = d;
                break;
            }
            Thread.sleep(100);
        }
        assertThat(delivery).as("failed after 3 attempts").isNotNull();
        assertThat(delivery.get("attempts").asInt()).as(delivery.toString()).isEqualTo(3);
        assertThat(delivery.get("log")).as(delivery.toString()).hasSize(3);
        assertThat(delivery.get("log").get(0).get("statusCode").asInt()).as(delivery.toString()).isEqualTo(500);
        assertThat(delivery.toString()).doesNotContain("receiver-secret-body");
        assertThat(failing.get()).isEqualTo(3);
        var redeliver = owner.post("/v1/webhooks/" + orgId + "/" + id + "/deliveries/" + delivery.get("id").asText() + "/redeliver", null);
        assertThat(redeliver.status()).isEqualTo(202);
        for (int i = 0; i < 50 && failing.get() < 4; i++) {
            Thread.sleep(100);
        }
        assertThat(failing.get()).isEqualTo(4);
    }

    @Test
    void aReceiverThatTricklesItsAnswer_isCutOffAtTheDeadline_andAPendingDeliveryCannotBeRedelivered() throws Exception {
        java.util.concurrent.CountDownLatch connected = new java.util.concurrent.CountDownLatch(1);
        try (java.net.ServerSocket trickler = new java.net.ServerSocket(0, 8, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread t = new Thread(() -> {
                while (!trickler.isClosed()) {
                    try (java.net.Socket socket = trickler.accept()) {
                        connected.countDown();
                        socket.getInputStream().read(new byte[8192]);
                        // One byte of the status line every 300 ms: each read is quick, the whole answer never comes.
                        for (byte b : "HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII)) {
                            socket.getOutputStream().write(b);
                            socket.getOutputStream().flush();
                            Thread.sleep(300);
                        }
                        for (int i = 0; i < 200; i++) {
                            socket.getOutputStream().write('a');
                            socket.getOutputStream().flush();
                            Thread.sleep(300);
                        }
                    } catch (IOException | InterruptedException e) {
                        // the sender hung up, or the test is over
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            String target = "http://127.0.0.1:" + trickler.getLocalPort() + "/slow";
            String id = owner.post("/v1/webhooks/" + orgId, Map.of("url", target, "events", List.of("secret.created"))).body().get("id").asText();
            owner.put("/v1/secrets/" + org + "/web/staging", Map.of("key", "TRICKLE", "value", "v"));
            assertThat(connected.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            JsonNode pending = owner.get("/v1/webhooks/" + orgId + "/" + id).body().at("/deliveries/0");
            var again = owner.post("/v1/webhooks/" + orgId + "/" + id + "/deliveries/" + pending.get("id").asText() + "/redeliver", null);
            assertThat(again.status()).as("a delivery still being tried").isEqualTo(409);
            assertThat(again.code()).isEqualTo("delivery_in_progress");
            JsonNode attempt = null;
            for (int i = 0; i < 100 && attempt == null; i++) {
                JsonNode log = owner.get("/v1/webhooks/" + orgId + "/" + id).body().at("/deliveries/0/log/0");
                attempt = log.isMissingNode() ? null : log;
                Thread.sleep(100);
            }
            assertThat(attempt).as("the first attempt was logged").isNotNull();
            assertThat(attempt.get("error").asText()).isEqualTo("no complete answer within 2000 ms");
            assertThat(attempt.get("statusCode").isNull()).isTrue();
            assertThat(attempt.get("durationMs").asLong()).isBetween(2000L, 6000L);
            owner.delete("/v1/webhooks/" + orgId + "/" + id);
        }
    }

    @Test
    void aReceiverThatSendsItsBodyAfterTheStatus_isLoggedAsSucceeded_once() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (java.net.ServerSocket slowBody = new java.net.ServerSocket(0, 8, java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread t = new Thread(() -> {
                while (!slowBody.isClosed()) {
                    try (java.net.Socket socket = slowBody.accept()) {
                        connections.incrementAndGet();
                        socket.getInputStream().read(new byte[8192]);
                        var out = socket.getOutputStream();
                        out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        Thread.sleep(300); // the body comes later, after the sender has its answer
                        out.write(new byte[2000]);
                        out.flush();
                    } catch (IOException | InterruptedException e) {
                        // the sender hung up without reading the body, as it should
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            String id = owner.post("/v1/webhooks/" + orgId, Map.of("url", "http://127.0.0.1:" + slowBody.getLocalPort() + "/late-body",
                    "events", List.of("secret.created"))).body().get("id").asText();
            owner.put("/v1/secrets/" + org + "/web/staging", Map.of("key", "LATE_BODY", "value", "v"));
            JsonNode delivery = null;
            for (int i = 0; i < 100 && delivery == null; i++) {
                JsonNode d = owner.get("/v1/webhooks/" + orgId + "/" + id).body().at("/deliveries/0");
                delivery = !d.isMissingNode() && List.of("succeeded", "failed").contains(d.get("status").asText()) || i == 99 ? d : null;
                Thread.sleep(100);
            }
            assertThat(delivery).isNotNull();
            assertThat(delivery.get("status").asText()).as(delivery.toString()).isEqualTo("succeeded");
            assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
            assertThat(delivery.at("/log/0/statusCode").asInt()).isEqualTo(200);
            Thread.sleep(500);
            assertThat(connections.get()).as("sent once").isEqualTo(1);
            owner.delete("/v1/webhooks/" + orgId + "/" + id);
        }
    }

    @Test
    void aLargeBulkImport_namesAtMost100Keys_andCountsThemAll() throws Exception {
        String id = owner.post("/v1/webhooks/" + orgId, Map.of("url", url("/bulk"), "events", List.of("secret.bulk_set"))).body().get("id").asText();
        List<Map<String, String>> secrets = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) {
            secrets.add(Map.of("key", "BULK_" + i, "value", "bulk-canary"));
        }
        assertThat(owner.post("/v1/secrets/" + org + "/web/staging/bulk", Map.of("secrets", secrets)).status()).isLessThan(300);
        JsonNode payload = Api.JSON.readTree(await("bulk:secret.bulk_set").body());
        assertThat(payload.get("count").asInt()).isEqualTo(150);
        assertThat(payload.get("truncated").asBoolean()).isTrue();
        assertThat(payload.get("keys")).hasSize(100);
        assertThat(payload.get("versions")).hasSize(100);
        assertThat(payload.toString()).doesNotContain("bulk-canary");
        owner.delete("/v1/webhooks/" + orgId + "/" + id);
    }

    @Test
    void anotherOrganization_withThisOrganizationsWebhookAndDeliveryIds_gets404_andChangesNothing() throws Exception {
        String id = owner.post("/v1/webhooks/" + orgId, Map.of("url", url("/hook"), "events", List.of("secret.deleted"), "description", "mine"))
                .body().get("id").asText();
        var test = owner.post("/v1/webhooks/" + orgId + "/" + id + "/test", null);
        String deliveryId = test.body().get("id").asText();
        await("webhook.test");
        Api otherSession = Api.withCookies(server.base).header("X-Requested-With", "hush");
        String otherOrg = otherSession.post("/v1/auth/register", Map.of("email", "hooks-other@example.com", "password", "other hooks password"))
                .body().at("/org/id").asText();
        for (String org : List.of(otherOrg, orgId)) {
            String base = "/v1/webhooks/" + org + "/" + id;
            assertThat(otherSession.get(base).status()).as(base).isEqualTo(404);
            assertThat(otherSession.send("PATCH", base, Map.of("url", url("/landing"), "description", "theirs")).status()).isEqualTo(404);
            assertThat(otherSession.post(base + "/rotate-secret", null).status()).isEqualTo(404);
            assertThat(otherSession.post(base + "/test", null).status()).isEqualTo(404);
            assertThat(otherSession.post(base + "/deliveries/" + deliveryId + "/redeliver", null).status()).isEqualTo(404);
            assertThat(otherSession.delete(base).status()).isEqualTo(404);
        }
        Thread.sleep(300);
        JsonNode mine = owner.get("/v1/webhooks/" + orgId + "/" + id).body();
        assertThat(mine.at("/webhook/description").asText()).isEqualTo("mine");
        assertThat(mine.at("/webhook/url").asText()).isEqualTo(url("/hook"));
        assertThat(mine.get("deliveries")).as("no test or redelivery was sent for them").hasSize(1);
        assertThat(received.stream().filter(r -> "webhook.test".equals(r.headers().get("hush-webhook-event")))).isEmpty();
        owner.delete("/v1/webhooks/" + orgId + "/" + id);
    }

    /** Red-team finding 14: a failed attempt is logged in words, never an exception's class name. */
    @Test
    void unreachableReceiver_isLoggedInWords() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        var created = owner.post("/v1/webhooks/" + orgId, Map.of("url", "http://127.0.0.1:" + closed + "/gone", "events", List.of("secret.deleted")));
        assertThat(created.status()).isEqualTo(201);
        var test = owner.post("/v1/webhooks/" + orgId + "/" + created.body().get("id").asText() + "/test", null);
        assertThat(test.body().get("status").asText()).isEqualTo("failed");
        assertThat(test.body().get("lastError").asText()).isEqualTo("connection refused");
        assertThat(test.raw().body()).doesNotContain("Exception");
        owner.delete("/v1/webhooks/" + orgId + "/" + created.body().get("id").asText());
    }

    @Test
    void redirects_areNotFollowed() throws Exception {
        var created = owner.post("/v1/webhooks/" + orgId, Map.of("url", url("/redirect"), "events", List.of("secret.deleted")));
        String id = created.body().get("id").asText();
        var test = owner.post("/v1/webhooks/" + orgId + "/" + id + "/test", null);
        assertThat(test.body().get("status").asText()).isEqualTo("failed");
        assertThat(test.body().get("lastStatusCode").asInt()).isEqualTo(302);
        assertThat(test.body().get("lastError").asText()).contains("redirects are not followed");
        Thread.sleep(300);
        assertThat(landed.get()).isZero();
    }

    @Test
    void targetsOnLoopbackOrPrivateAddresses_areRefused_unlessAllowlisted() {
        for (String target : List.of("https://127.0.0.2/x", "https://localhost/x", "http://example.com/x", "https://10.1.2.3/x",
                "https://169.254.169.254/latest/meta-data", "https://[::1]/x", "https://[::ffff:127.0.0.2]/x", "https://2130706433/x",
                "https://0x7f.0.0.1/x", "ftp://example.com/x", "https://user:pw@example.com/x")) {
            var r = owner.post("/v1/webhooks/" + orgId, Map.of("url", target));
            assertThat(r.status()).as(target).isEqualTo(400);
            assertThat(r.code()).as(target).isEqualTo("webhook_url_refused");
            assertThat(r.body().toString()).doesNotContain("pw@");
        }
        var created = owner.post("/v1/webhooks/" + orgId, Map.of("url", url("/hook")));
        String id = created.body().get("id").asText();
        assertThat(owner.send("PATCH", "/v1/webhooks/" + orgId + "/" + id, Map.of("url", "https://192.168.1.1/x")).code())
                .isEqualTo("webhook_url_refused");
        owner.delete("/v1/webhooks/" + orgId + "/" + id);
    }

    @Test
    void aTargetAllowedWhenSaved_isCheckedAgainAtTestAndAtEverySend() throws Exception {
        Path other = Files.createTempDirectory("hush-webhooks-recheck");
        AtomicInteger hits = new AtomicInteger();
        receiver.createContext("/recheck", ex -> {
            hits.incrementAndGet();
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        try {
            String hookId;
            String slug;
            String token;
            try (TestServer allowing = TestServer.start(other.resolve("data"), Map.of(), Map.of("hush.webhooks.allow", "127.0.0.1/32"))) {
                Api session = Api.withCookies(allowing.base).header("X-Requested-With", "hush");
                var reg = session.post("/v1/auth/register", Map.of("email", "recheck@example.com", "password", "recheck password 12"));
                slug = reg.body().at("/org/slug").asText();
                token = session.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText();
                Api api = Api.anonymous(allowing.base).withToken(token);
                hookId = api.post("/v1/webhooks/" + slug, Map.of("url", url("/recheck"))).body().get("id").asText();
                assertThat(api.post("/v1/webhooks/" + slug + "/" + hookId + "/test", null).body().get("status").asText()).isEqualTo("succeeded");
                assertThat(hits.get()).isEqualTo(1);
            }
            // The operator removes the allowlist: the saved target is refused from now on, at test and at send.
            try (TestServer strict = TestServer.start(other.resolve("data"), Map.of(), Map.of("hush.webhooks.interval", "100ms"))) {
                Api api = Api.anonymous(strict.base).withToken(token);
                var test = api.post("/v1/webhooks/" + slug + "/" + hookId + "/test", null);
                assertThat(test.status()).isEqualTo(400);
                assertThat(test.code()).isEqualTo("webhook_url_refused");
                assertThat(test.body().get("detail").asText()).contains("loopback");
                assertThat(api.post("/v1/projects/" + slug, Map.of("name", "P", "slug", "p")).status()).isEqualTo(201);
                assertThat(api.put("/v1/secrets/" + slug + "/p/dev", Map.of("key", "K", "value", "v")).status()).isEqualTo(200);
                JsonNode sent = null;
                for (int i = 0; i < 100 && sent == null; i++) {
                    JsonNode d = api.get("/v1/webhooks/" + slug + "/" + hookId).body().at("/deliveries/0");
                    sent = d.get("event").asText().equals("secret.created") && d.get("attempts").asInt() > 0 ? d : null;
                    Thread.sleep(100);
                }
                assertThat(sent).isNotNull();
                assertThat(sent.at("/log/0/error").asText()).startsWith("refused: ").contains("loopback");
                assertThat(hits.get()).as("nothing reached the receiver after the allowlist was removed").isEqualTo(1);
            }
        } finally {
            receiver.removeContext("/recheck");
            TestFiles.deleteTree(other);
        }
    }

    @Test
    void withoutTheAllowlist_aWebhookToLoopbackIsRefused_evenOverHttps() throws IOException {
        Path other = Files.createTempDirectory("hush-webhooks-strict");
        try (TestServer strict = TestServer.start(other.resolve("data"))) {
            Api session = Api.withCookies(strict.base).header("X-Requested-With", "hush");
            var reg = session.post("/v1/auth/register", Map.of("email", "strict@example.com", "password", "strict password 12"));
            String strictOrg = reg.body().at("/org/id").asText();
            for (String target : List.of(url("/hook"), "https://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                    "https://[::ffff:127.0.0.1]/hook", "https://[fd00:ec2::254]/")) {
                var r = session.post("/v1/webhooks/" + strictOrg, Map.of("url", target));
                assertThat(r.status()).as(target).isEqualTo(400);
                assertThat(r.code()).isEqualTo("webhook_url_refused");
            }
        } finally {
            TestFiles.deleteTree(other);
        }
    }
}
