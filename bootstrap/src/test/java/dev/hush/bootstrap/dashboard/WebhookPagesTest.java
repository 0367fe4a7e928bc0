package dev.hush.bootstrap.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhook pages over HTTP, as a browser without JavaScript uses them, with a local receiver (allowed by
 * {@code hush.webhooks.allow}, as a self-hosted operator would): create (the secret shown once), send a test and see
 * it in the delivery log, redeliver, edit, rotate, delete; changes need the form token; a developer is refused.
 */
class WebhookPagesTest {
    static final String PASSWORD = "correct horse battery";
    static final Pattern SECRET = Pattern.compile("whsec_[A-Za-z0-9_-]+");
    static Path dir;
    static TestServer server;
    static HttpServer receiver;
    static final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
    static final AtomicInteger seq = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/hook", ex -> {
            ex.getRequestBody().readAllBytes();
            received.add(ex.getRequestHeaders().getFirst("Hush-Webhook-Event"));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        dir = Files.createTempDirectory("hush-webhook-pages");
        server = TestServer.start(dir.resolve("data"), Map.of(), Map.of("hush.webhooks.allow", "127.0.0.1/32", "hush.webhooks.interval", "100ms",
                "hush.webhooks.backoff", "100ms", "hush.webhooks.max-attempts", "3", "hush.webhooks.deadline", "2s"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        receiver.stop(0);
        TestFiles.deleteTree(dir);
    }

    static String hookUrl() { return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"; }

    static FormClient signUp(String who) throws Exception { return signUp(server, who); }

    static FormClient signUp(TestServer server, String who) throws Exception { return signUp(server.base, who); }

    static FormClient signUp(java.net.URI base, String who) throws Exception {
        FormClient c = new FormClient(base);
        c.email = who + seq.incrementAndGet() + "@example.com";
        var r = c.post("/signup", Map.of("name", who, "email", c.email, "password", PASSWORD));
        assertThat(r.statusCode()).isEqualTo(303);
        c.org = r.headers().firstValue("Location").orElseThrow().split("/")[2];
        return c;
    }

    /** A new account that joins the owner's organization with {@code role} (invited and accepted over the API). */
    static FormClient member(FormClient owner, String role) throws Exception {
        Api ownerApi = login(owner.base, owner.email);
        FormClient m = signUp(owner.base, role);
        String invite = ownerApi.post("/v1/members/" + owner.org + "/invite", Map.of("email", m.email, "role", role)).body().get("token").asText();
        assertThat(login(owner.base, m.email).post("/v1/members/invite/" + invite + "/accept", null).status()).isEqualTo(200);
        return m;
    }

    static Api login(java.net.URI base, String email) {
        Api api = Api.withCookies(base).header("X-Requested-With", "hush");
        assertThat(api.post("/v1/auth/login", Map.of("email", email, "password", PASSWORD)).status()).isEqualTo(200);
        return api;
    }

    static Map<String, String> form(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static String secretIn(String body) {
        Matcher m = SECRET.matcher(body);
        assertThat(m.find()).as("a signing secret on the page").isTrue();
        return m.group();
    }

    /** The webhook's page, linked from the list. */
    static String detailsPath(String list, String url) {
        Matcher m = Pattern.compile("href=\"(/orgs/[^/]+/webhooks/[0-9a-f-]{36})\" aria-label=\"Details of " + Pattern.quote(url) + "\"").matcher(list);
        assertThat(m.find()).as("a link to the webhook of " + url).isTrue();
        return m.group(1);
    }

    static void await(String event) throws InterruptedException {
        for (int i = 0; i < 100 && !received.remove(event); i++) {
            Thread.sleep(100);
        }
    }

    @Test
    void aWebhook_isCreatedWithItsSecretShownOnce_tested_redelivered_edited_rotated_andDeleted() throws Exception {
        FormClient owner = signUp("hooks");
        String token = owner.formToken();
        String hooks = "/orgs/" + owner.org + "/webhooks";
        var empty = owner.get(hooks);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("No webhook yet.", "<label for=\"webhook-url\">URL</label>", "<legend>Events</legend>",
                "<label for=\"webhook-description\">Description</label>", ">Create webhook</button>", " secret.created</label>",
                " secret.bulk_delete</label>", "<a href=\"" + hooks + "\">Webhooks</a>").doesNotContain(" style=").doesNotContain("<script>");

        var created = owner.post(hooks, form("url", hookUrl(), "event-secret-created", "on", "event-secret-deleted", "on",
                "description", "deploys", "_token", token));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(created.body()).contains("shown only once", "Events: secret.created, secret.deleted");
        String secret = secretIn(created.body());

        var list = owner.get(hooks).body();
        assertThat(list).contains("<caption>Webhooks</caption>", hookUrl(), "secret.created, secret.deleted", "deploys", "<td>yes</td>")
                .doesNotContain(secret).doesNotContain("whsec_");
        String details = detailsPath(list, hookUrl());
        var page = owner.get(details).body();
        assertThat(page).contains("No delivery yet.", ">Send test</button>", ">Rotate secret</button>", ">Delete webhook</button>",
                "<label for=\"edit-url\">URL</label>").doesNotContain("whsec_");

        var tested = owner.post(details + "/test", form("_token", token));
        assertThat(tested.statusCode()).isEqualTo(303);
        assertThat(tested.headers().firstValue("Location")).hasValue(details + "?done=tested");
        await("webhook.test");
        var log = owner.get(details + "?done=tested").body();
        assertThat(log).contains("Test event sent", "<caption>Deliveries, newest first</caption>", "<th scope=\"row\">webhook.test</th>",
                "succeeded", "HTTP 204", ">Redeliver</button>");
        Matcher redeliver = Pattern.compile("action=\"(" + Pattern.quote(details) + "/deliveries/[0-9a-f-]{36}/redeliver)\"").matcher(log);
        assertThat(redeliver.find()).isTrue();
        assertThat(owner.post(redeliver.group(1), form()).statusCode()).as("no form token").isEqualTo(403);
        var again = owner.post(redeliver.group(1), form("_token", token));
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(again.headers().firstValue("Location")).hasValue(details + "?done=redelivered");
        await("webhook.test");

        var edited = owner.post(details + "/edit", form("url", hookUrl(), "event-secret-promoted", "on", "description", "promotions",
                "_token", token));
        assertThat(edited.statusCode()).isEqualTo(303);
        assertThat(owner.get(details).body()).contains("<dd>secret.promoted</dd>", "<dd>promotions</dd>", "no, nothing is sent");

        var invalid = owner.post(details + "/edit", form("url", "ftp://example.com/x", "_token", token));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("role=\"alert\"", "URL: ");
        var badCreate = owner.post(hooks, form("url", "not a url", "description", "kept in the form", "_token", token));
        assertThat(badCreate.statusCode()).isEqualTo(400);
        assertThat(badCreate.body()).contains("role=\"alert\"", "URL: ", "value=\"kept in the form\"");

        var rotated = owner.post(details + "/rotate-secret", form("_token", token));
        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(secretIn(rotated.body())).isNotEqualTo(secret);

        var deleted = owner.post(details + "/delete", form("_token", token));
        assertThat(deleted.statusCode()).isEqualTo(303);
        assertThat(owner.get(hooks + "?done=deleted").body()).contains("Webhook deleted.", "No webhook yet.");
        assertThat(owner.get(details).statusCode()).isEqualTo(404);
    }

    @Test
    void withoutTheFormToken_orFromAnotherOrigin_nothingChanges() throws Exception {
        FormClient owner = signUp("csrf");
        String token = owner.formToken();
        String hooks = "/orgs/" + owner.org + "/webhooks";
        assertThat(owner.post(hooks, form("url", hookUrl())).statusCode()).isEqualTo(403);
        assertThat(owner.post(hooks, form("url", hookUrl(), "_token", "x" + token)).statusCode()).isEqualTo(403);
        var otherOrigin = owner.post(hooks, form("url", hookUrl(), "_token", token), "Origin", "https://evil.example");
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(otherOrigin.body()).doesNotContain("whsec_");
        assertThat(owner.get(hooks).body()).contains("No webhook yet.");

        assertThat(owner.post(hooks, form("url", hookUrl(), "description", "kept", "_token", token)).statusCode()).isEqualTo(201);
        String details = detailsPath(owner.get(hooks).body(), hookUrl());
        assertThat(owner.post(details + "/edit", form("url", hookUrl(), "description", "forged")).statusCode()).isEqualTo(403);
        assertThat(owner.post(details + "/test", form()).statusCode()).isEqualTo(403);
        assertThat(owner.post(details + "/rotate-secret", form()).statusCode()).isEqualTo(403);
        assertThat(owner.post(details + "/delete", form()).statusCode()).isEqualTo(403);
        assertThat(owner.post(details + "/delete", form("_token", token), "Origin", "https://evil.example").statusCode()).isEqualTo(403);
        var page = owner.get(details).body();
        assertThat(page).contains("<dd>kept</dd>", "No delivery yet.");
    }

    @Test
    void aDeveloper_isRefused_andAnOutsiderDoesNotSeeTheOrganization() throws Exception {
        FormClient owner = signUp("boss");
        String token = owner.formToken();
        String hooks = "/orgs/" + owner.org + "/webhooks";
        assertThat(owner.post(hooks, form("url", hookUrl(), "description", "private", "_token", token)).statusCode()).isEqualTo(201);
        String details = detailsPath(owner.get(hooks).body(), hookUrl());

        FormClient developer = member(owner, "developer");
        String devToken = developer.formToken();
        var refused = developer.get(hooks);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("role=\"alert\"").doesNotContain(hookUrl());
        assertThat(developer.get(details).statusCode()).isEqualTo(403);
        assertThat(developer.post(hooks, form("url", hookUrl(), "_token", devToken)).statusCode()).isEqualTo(403);
        assertThat(developer.post(details + "/delete", form("_token", devToken)).statusCode()).isEqualTo(403);
        assertThat(developer.post(details + "/test", form("_token", devToken)).statusCode()).isEqualTo(403);

        FormClient admin = member(owner, "admin");
        assertThat(admin.get(details).body()).contains("<dd>private</dd>");

        FormClient outsider = signUp("outsider");
        assertThat(outsider.get(hooks).statusCode()).isEqualTo(404);
        assertThat(outsider.post(details + "/delete", form("_token", outsider.formToken())).statusCode()).isEqualTo(404);
        assertThat(new FormClient(server.base).get(hooks).headers().firstValue("Location")).hasValue("/login?next=%2Forgs%2F" + owner.org + "%2Fwebhooks");
        assertThat(owner.get(hooks).body()).contains(hookUrl());
    }
}
