package dev.hush.bootstrap.api.plan;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Stripe adapter with the real stripe-java client against a local stand-in of Stripe's API, and
 * webhook events signed in the test as Stripe signs them: checkout and portal answer URLs, a signed
 * subscription event moves the organization to a paid plan, a replayed or badly signed or stale event
 * changes nothing, and a rotated (second) webhook secret is accepted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StripeBillingTest {
    static final String SECRET = "whsec_current_test_secret";
    static final String OLD_SECRET = "whsec_previous_test_secret";

    HttpServer stripe;
    final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
    Path dir;
    TestServer server;
    Api owner;
    String orgId;

    final java.util.concurrent.atomic.AtomicBoolean refuseKey = new java.util.concurrent.atomic.AtomicBoolean();

    /** Red-team finding 14: Stripe refusing the key answers 503 in neutral words, no exception class or Stripe message. */
    @Test
    void stripeRefusingTheKey_answers503_inNeutralWords() {
        refuseKey.set(true);
        try {
            var r = owner.post("/v1/billing/" + orgId + "/checkout", Map.of("plan", "pro"));
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.code()).isEqualTo("billing_unavailable");
            assertThat(r.raw().body()).doesNotContain("Exception").doesNotContain("Invalid API Key").doesNotContain("sk_test");
        } finally {
            refuseKey.set(false);
        }
    }

    @BeforeAll
    void start() throws IOException {
        stripe = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        stripe.createContext("/v1/checkout/sessions", ex -> {
            if (refuseKey.get()) {
                byte[] b = "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided: sk_test_****hush\"}}"
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.sendResponseHeaders(401, b.length);
                ex.getResponseBody().write(b);
                ex.close();
                return;
            }
            String form = URLDecoder.decode(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            requests.add(ex.getRequestHeaders().getFirst("Authorization") + " " + form);
            reply(ex, "{\"id\":\"cs_test_1\",\"object\":\"checkout.session\",\"url\":\"https://checkout.stripe.test/c/pay/cs_test_1\"}");
        });
        stripe.createContext("/v1/billing_portal/sessions", ex -> {
            String form = URLDecoder.decode(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            requests.add(ex.getRequestHeaders().getFirst("Authorization") + " " + form);
            reply(ex, "{\"id\":\"bps_1\",\"object\":\"billing_portal.session\",\"url\":\"https://billing.stripe.test/p/session/bps_1\"}");
        });
        stripe.start();
        dir = Files.createTempDirectory("hush-stripe");
        server = TestServer.start(dir.resolve("data"), Map.of(), Map.of("hush.billing.provider", "stripe", "hush.stripe.api-key", "sk_test_hush",
                "hush.stripe.api-base", "http://127.0.0.1:" + stripe.getAddress().getPort(), "hush.stripe.webhook-secret", SECRET + "," + OLD_SECRET,
                "hush.stripe.price.pro", "price_pro_monthly", "hush.stripe.price.team", "price_team_monthly"));
        Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
        var reg = session.post("/v1/auth/register", Map.of("email", "billing@example.com", "password", "billing password 1"));
        orgId = reg.body().at("/org/id").asText();
        owner = Api.anonymous(server.base).withToken(session.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText());
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
        stripe.stop(0);
        TestFiles.deleteTree(dir);
    }

    static void reply(com.sun.net.httpserver.HttpExchange ex, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    /** What Stripe sends: Stripe-Signature t=<timestamp>,v1=<hex HMAC-SHA256(secret, timestamp + "." + payload)>. */
    int send(String payload, String secret, long timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.base + "/v1/billing/webhook"))
                .header("Content-Type", "application/json").header("Stripe-Signature", "t=" + timestamp + ",v1=" + sig)
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    static String event(String id, String type, String object) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"2025-10-29.clover\",\"created\":" + Instant.now().getEpochSecond()
                + ",\"type\":\"" + type + "\",\"data\":{\"object\":" + object + "}}";
    }

    String subscription(String status, String price) {
        return subscription("sub_1", status, price);
    }

    String subscription(String id, String status, String price) {
        return "{\"id\":\"" + id + "\",\"object\":\"subscription\",\"customer\":\"cus_1\",\"status\":\"" + status + "\",\"metadata\":{\"org_id\":\""
                + orgId + "\"},\"items\":{\"object\":\"list\",\"data\":[{\"id\":\"si_1\",\"object\":\"subscription_item\",\"price\":{\"id\":\""
                + price + "\",\"object\":\"price\"}}]}}";
    }

    String plan() { return owner.get("/v1/billing/" + orgId).body().get("plan").asText(); }

    @Test
    void checkoutAndPortal_signedEventsMoveThePlan_replaysAndBadSignaturesChangeNothing() throws Exception {
        assertThat(plan()).isEqualTo("free");
        assertThat(owner.post("/v1/billing/" + orgId + "/portal", Map.of()).code()).as("no customer yet").isEqualTo("no_subscription");
        var checkout = owner.post("/v1/billing/" + orgId + "/checkout", Map.of("plan", "pro"));
        assertThat(checkout.status()).isEqualTo(200);
        assertThat(checkout.body().get("url").asText()).isEqualTo("https://checkout.stripe.test/c/pay/cs_test_1");
        String sent = requests.poll();
        assertThat(sent).startsWith("Bearer sk_test_hush ").contains("line_items[0][price]=price_pro_monthly").contains("client_reference_id=" + orgId)
                .contains("mode=subscription").contains("subscription_data[metadata][org_id]=" + orgId);
        assertThat(owner.post("/v1/billing/" + orgId + "/checkout", Map.of("plan", "galactic")).status()).isEqualTo(400);

        long now = Instant.now().getEpochSecond();
        String completed = event("evt_checkout", "checkout.session.completed", "{\"id\":\"cs_test_1\",\"object\":\"checkout.session\",\"customer\":\"cus_1\","
                + "\"subscription\":\"sub_1\",\"client_reference_id\":\"" + orgId + "\",\"metadata\":{\"org_id\":\"" + orgId + "\"}}");
        assertThat(send(completed, SECRET, now)).isEqualTo(200);
        String upgraded = event("evt_up", "customer.subscription.updated", subscription("active", "price_pro_monthly"));
        assertThat(send(upgraded, "whsec_wrong", now)).as("bad signature").isEqualTo(400);
        assertThat(send(upgraded, SECRET, now - 600)).as("older than five minutes").isEqualTo(400);
        assertThat(plan()).isEqualTo("free");
        assertThat(send(upgraded, OLD_SECRET, now)).as("a rotated secret still verifies").isEqualTo(200);
        var billing = owner.get("/v1/billing/" + orgId).body();
        assertThat(billing.get("plan").asText()).isEqualTo("pro");
        assertThat(billing.get("status").asText()).isEqualTo("active");
        assertThat(billing.at("/limits/projects").asLong()).isEqualTo(25);

        var portal = owner.post("/v1/billing/" + orgId + "/portal", Map.of());
        assertThat(portal.body().get("url").asText()).isEqualTo("https://billing.stripe.test/p/session/bps_1");
        assertThat(requests.poll()).contains("customer=cus_1");

        String deleted = event("evt_del", "customer.subscription.deleted", subscription("canceled", "price_pro_monthly"));
        assertThat(send(deleted, SECRET, now)).isEqualTo(200);
        assertThat(plan()).isEqualTo("free");
        String again = event("evt_up2", "customer.subscription.updated", subscription("active", "price_team_monthly"));
        assertThat(send(again, SECRET, now)).isEqualTo(200);
        assertThat(plan()).isEqualTo("team");
        assertThat(send(deleted, SECRET, Instant.now().getEpochSecond())).as("a replayed event").isEqualTo(200);
        assertThat(plan()).as("the replay changed nothing").isEqualTo("team");
        String failed = event("evt_fail", "invoice.payment_failed", "{\"id\":\"in_1\",\"object\":\"invoice\",\"customer\":\"cus_1\",\"subscription\":\"sub_1\"}");
        assertThat(send(failed, SECRET, now)).isEqualTo(200);
        var pastDue = owner.get("/v1/billing/" + orgId).body();
        assertThat(pastDue.get("status").asText()).isEqualTo("past_due");
        assertThat(pastDue.at("/limits/projects").asLong()).as("past due keeps the paid limits while Stripe retries").isEqualTo(100);

        String otherDeleted = event("evt_other_del", "customer.subscription.deleted", subscription("sub_2", "canceled", "price_pro_monthly"));
        assertThat(send(otherDeleted, SECRET, now)).isEqualTo(200);
        assertThat(plan()).as("another subscription ending changes nothing").isEqualTo("team");
        String otherUpdated = event("evt_other_up", "customer.subscription.updated", subscription("sub_2", "canceled", "price_pro_monthly"));
        assertThat(send(otherUpdated, SECRET, now)).isEqualTo(200);
        var unchanged = owner.get("/v1/billing/" + orgId).body();
        assertThat(unchanged.get("plan").asText()).as("an old subscription's update changes nothing").isEqualTo("team");
        assertThat(unchanged.get("status").asText()).isEqualTo("past_due");
        String unpaid = event("evt_unpaid", "customer.subscription.updated", subscription("unpaid", "price_team_monthly"));
        assertThat(send(unpaid, SECRET, now)).isEqualTo(200);
        var lapsed = owner.get("/v1/billing/" + orgId).body();
        assertThat(lapsed.get("status").asText()).isEqualTo("unpaid");
        assertThat(lapsed.at("/limits/projects").asLong()).as("an unpaid subscription falls back to the free limits").isEqualTo(3);

        // The signature covers the raw body: Stripe's own spacing and line breaks must verify as sent.
        String spaced = event("evt_spaced", "customer.subscription.updated", subscription("active", "price_team_monthly"))
                .replace(",", ",\n  ").replace(":", ": ");
        assertThat(send(spaced, SECRET, now)).isEqualTo(200);
        assertThat(owner.get("/v1/billing/" + orgId).body().get("status").asText()).isEqualTo("active");
    }

    @Test
    void billingRoutes_needAnOwnerOrAdmin_andTheWebhookNeedsNoToken() {
        Api other = Api.withCookies(server.base).header("X-Requested-With", "hush");
        other.post("/v1/auth/register", Map.of("email", "other-billing@example.com", "password", "other billing pass"));
        assertThat(other.post("/v1/billing/" + orgId + "/checkout", Map.of("plan", "pro")).status()).isEqualTo(404);
        assertThat(Api.anonymous(server.base).post("/v1/billing/" + orgId + "/checkout", Map.of("plan", "pro")).status()).isEqualTo(401);
        assertThat(List.of(Api.anonymous(server.base).post("/v1/billing/webhook", Map.of("id", "x")).status())).containsExactly(400);
    }
}
