package dev.hush.bootstrap.dashboard;

import static dev.hush.bootstrap.dashboard.FormClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An organization's billing page over HTTP, on a self-hosted server (no billing: "Self-hosted: no limits", no
 * button) and on one billing with Stripe (a local stand-in of its API, as StripeBillingTest sets it up): Upgrade
 * redirects to the Checkout session's URL, which comes back to the billing page; Manage billing without a billing
 * account yet is refused on a page; changes need the form token.
 */
class BillingPagesTest {
    static Path dir;
    static TestServer selfHosted;
    static TestServer billed;
    static HttpServer stripe;
    static final ConcurrentLinkedQueue<String> stripeRequests = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("hush-billing-pages");
        selfHosted = TestServer.start(dir.resolve("self-hosted"));
        stripe = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        stripe.createContext("/v1/checkout/sessions", ex -> {
            stripeRequests.add(URLDecoder.decode(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            byte[] b = "{\"id\":\"cs_test_1\",\"object\":\"checkout.session\",\"url\":\"https://checkout.stripe.test/c/pay/cs_test_1\"}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        stripe.start();
        billed = TestServer.start(dir.resolve("billed"), Map.of(), Map.of("hush.billing.provider", "stripe", "hush.stripe.api-key", "sk_test_hush",
                "hush.stripe.api-base", "http://127.0.0.1:" + stripe.getAddress().getPort(), "hush.stripe.webhook-secret", "whsec_pages",
                "hush.stripe.price.pro", "price_pro_monthly", "hush.stripe.price.team", "price_team_monthly"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (billed != null) {
            billed.close();
        }
        selfHosted.close();
        stripe.stop(0);
        TestFiles.deleteTree(dir);
    }

    @Test
    void selfHosted_saysNoLimits_showsTheUsage_andOffersNoButton() throws Exception {
        FormClient owner = FormClient.signUp(selfHosted.base, "owner@example.com");
        var page = owner.get("/orgs/" + owner.org + "/billing");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Billing of " + owner.org + "</h1>", "Self-hosted: no limits.", "<caption>Usage and limits</caption>",
                "<th scope=\"row\">API requests this month</th>", "<a href=\"/orgs/" + owner.org + "/billing\">Billing</a>")
                .doesNotContain(">Upgrade</button>").doesNotContain(">Manage billing</button>").doesNotContain(" style=");
        assertThat(page.body()).containsPattern("<th scope=\"row\">Projects</th>\\s*<td>0</td>\\s*<td>unlimited</td>");
        // Posted anyway: the API's answer, as a page.
        var checkout = owner.post("/orgs/" + owner.org + "/billing/checkout", form("plan", "pro", "_token", owner.formToken()));
        assertThat(checkout.statusCode()).isEqualTo(409);
        assertThat(checkout.body()).contains("role=\"alert\"").contains("Billing is not enabled on this server");
        assertThat(new FormClient(selfHosted.base).get("/orgs/" + owner.org + "/billing").headers().firstValue("Location"))
                .hasValue("/login?next=%2Forgs%2F" + owner.org + "%2Fbilling");
    }

    @Test
    void withStripe_upgradeRedirectsToCheckout_andManageBillingNeedsABillingAccount() throws Exception {
        FormClient owner = FormClient.signUp(billed.base, "payer@example.com");
        String token = owner.formToken();
        var page = owner.get("/orgs/" + owner.org + "/billing");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Plan: <strong>free</strong>", "<label for=\"billing-plan\">Plan</label>", ">Upgrade</button>",
                ">Manage billing</button>").doesNotContain("Self-hosted");
        assertThat(page.body()).containsPattern("<th scope=\"row\">Projects</th>\\s*<td>0</td>\\s*<td>3</td>");

        assertThat(owner.post("/orgs/" + owner.org + "/billing/checkout", form("plan", "pro")).statusCode()).isEqualTo(403);
        assertThat(stripeRequests).isEmpty();
        var upgrade = owner.post("/orgs/" + owner.org + "/billing/checkout", form("plan", "pro", "_token", token));
        assertThat(upgrade.statusCode()).isEqualTo(303);
        assertThat(upgrade.headers().firstValue("Location")).hasValue("https://checkout.stripe.test/c/pay/cs_test_1");
        assertThat(stripeRequests).hasSize(1);
        assertThat(stripeRequests.peek()).contains("price_pro_monthly").contains("success_url=" + billed.base + "/orgs/" + owner.org
                + "/billing?checkout=success").contains("cancel_url=" + billed.base + "/orgs/" + owner.org + "/billing?checkout=cancel");
        assertThat(owner.get("/orgs/" + owner.org + "/billing?checkout=success").body()).contains("the new plan applies as soon as Stripe confirms");

        var portal = owner.post("/orgs/" + owner.org + "/billing/portal", form("_token", token));
        assertThat(portal.statusCode()).isEqualTo(409);
        assertThat(portal.body()).contains("no billing account yet").contains("href=\"/orgs/" + owner.org + "/billing\"");
        assertThat(owner.post("/orgs/" + owner.org + "/billing/checkout", form("plan", "free", "_token", token)).statusCode()).isEqualTo(400);
        // Another account's organization does not exist for this one.
        FormClient other = FormClient.signUp(billed.base, "other@example.com");
        assertThat(other.get("/orgs/" + owner.org + "/billing").statusCode()).isEqualTo(404);
        assertThat(other.post("/orgs/" + owner.org + "/billing/checkout", form("plan", "pro", "_token", other.formToken())).statusCode())
                .isEqualTo(404);
        assertThat(stripeRequests).hasSize(1);
    }
}
