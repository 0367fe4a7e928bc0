package dev.hush.bootstrap.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API tokens page and the audit log page over HTTP, as a browser without JavaScript uses them: a token is
 * shown once and works on the API, is listed without its value and stops working when revoked; changes need the
 * form token; the audit log shows the dashboard's own reads and the chain's verification, to owners and admins only.
 */
class TokenPagesTest {
    static final String PASSWORD = "correct horse battery";
    static final Pattern TOKEN = Pattern.compile("hush_tok_[A-Za-z0-9_-]+");
    static Path dir;
    static TestServer server;
    static int accounts;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("hush-token-pages");
        server = TestServer.start(dir.resolve("data"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        TestFiles.deleteTree(dir);
    }

    /** Signs up a new account (its personal organization comes with it) and returns its browser. */
    static FormClient signUp(String name) throws Exception {
        FormClient b = new FormClient(server.base);
        b.email = name + (++accounts) + "@example.com";
        var r = b.post("/signup", Map.of("name", name, "email", b.email, "password", PASSWORD));
        assertThat(r.statusCode()).isEqualTo(303);
        b.org = r.headers().firstValue("Location").orElseThrow().split("/")[2];
        return b;
    }

    static Map<String, String> form(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static String tokenIn(String body) {
        Matcher m = TOKEN.matcher(body);
        assertThat(m.find()).as("a token on the page").isTrue();
        return m.group();
    }

    static String revokeAction(String page, String name) {
        Matcher m = Pattern.compile("action=\"(/tokens/[0-9a-f-]+/revoke)\"[^>]*>\\s*<input[^>]*>\\s*<button[^>]*aria-label=\"Revoke "
                + Pattern.quote(name) + "\"").matcher(page);
        assertThat(m.find()).as("a Revoke " + name + " form").isTrue();
        return m.group(1);
    }

    @Test
    void aToken_isShownOnce_worksOnTheApi_isListedWithoutItsValue_andStopsWorkingWhenRevoked() throws Exception {
        FormClient b = signUp("tokens");
        String formToken = b.formToken();
        var page = b.get("/tokens");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<label for=\"token-name\">Token name</label>", "<label for=\"token-org\">Organization</label>",
                "<label for=\"token-projects\">Project</label>", "<label for=\"token-environments\">Environments</label>",
                "Read only</label>", "<label for=\"token-expires\">Expires in days</label>", ">Create token</button>",
                "<a href=\"/tokens\">API tokens</a>").doesNotContain(" style=").doesNotContain("<script>");

        var created = b.post("/tokens", form("name", "deploy", "org", b.org, "permission", "read", "expiresInDays", "30", "_token", formToken));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(created.body()).contains("shown only once", ">Copy token</button>", "API token deploy created");
        String token = tokenIn(created.body());

        var bearer = Api.anonymous(server.base).withToken(token);
        var me = bearer.get("/v1/auth/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("authenticatedBy").asText()).isEqualTo("token");
        assertThat(bearer.get("/v1/projects/" + b.org).status()).as("reads in its organization").isEqualTo(200);
        assertThat(bearer.post("/v1/projects/" + b.org, Map.of("name", "Nope")).status()).as("read only").isEqualTo(403);

        var list = b.get("/tokens").body();
        assertThat(list).contains("<caption>Your API tokens</caption>", "<th scope=\"row\">deploy</th>", "organization " + b.org,
                "read only", "aria-label=\"Revoke deploy\"").doesNotContain(token).doesNotContain("hush_tok_");

        var revoked = b.post(revokeAction(list, "deploy"), form("_token", formToken));
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(revoked.headers().firstValue("Location")).hasValue("/tokens");
        assertThat(bearer.get("/v1/auth/me").status()).isEqualTo(401);
        assertThat(b.get("/tokens").body()).doesNotContain("Revoke deploy").contains("No API token yet.");
    }

    @Test
    void anUnscopedToken_readsAndWrites_andAnInvalidFormIsAnsweredOnThePage() throws Exception {
        FormClient b = signUp("unscoped");
        String formToken = b.formToken();
        var created = b.post("/tokens", form("name", "ci", "org", "", "projects", "", "environments", "", "expiresInDays", "", "_token", formToken));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("Expires: never");
        var bearer = Api.anonymous(server.base).withToken(tokenIn(created.body()));
        assertThat(bearer.post("/v1/projects/" + b.org, Map.of("name", "Made by CI")).status()).isEqualTo(201);
        assertThat(b.get("/tokens").body()).contains("all organizations; read and write");

        var tooLong = b.post("/tokens", form("name", "x", "expiresInDays", "0", "_token", formToken));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("role=\"alert\"").contains("Expires in days: must be between 1 and 3650");
        var noOrg = b.post("/tokens", form("name", "y", "environments", "dev", "_token", formToken));
        assertThat(noOrg.statusCode()).isEqualTo(400);
        assertThat(noOrg.body()).contains("Organization: is required");
        var scoped = b.post("/tokens", form("name", "dev-only", "org", b.org, "projects", "made-by-ci", "environments", "dev, staging",
                "_token", formToken));
        assertThat(scoped.statusCode()).isEqualTo(201);
        assertThat(b.get("/tokens").body()).contains("organization " + b.org + "; projects made-by-ci; environments dev, staging; read and write")
                .doesNotContain("<th scope=\"row\">x</th>").doesNotContain("<th scope=\"row\">y</th>");
    }

    @Test
    void withoutTheFormToken_orFromAnotherOrigin_nothingIsCreatedOrRevoked() throws Exception {
        FormClient b = signUp("csrf");
        String formToken = b.formToken();
        assertThat(b.post("/tokens", form("name", "forged")).statusCode()).isEqualTo(403);
        assertThat(b.post("/tokens", form("name", "forged", "_token", "x" + formToken)).statusCode()).isEqualTo(403);
        var otherOrigin = b.post("/tokens", form("name", "forged", "_token", formToken), "Origin", "https://evil.example");
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(otherOrigin.body()).doesNotContain("hush_tok_");
        assertThat(b.get("/tokens").body()).doesNotContain("forged").contains("No API token yet.");

        String token = tokenIn(b.post("/tokens", form("name", "kept", "_token", formToken)).body());
        String revoke = revokeAction(b.get("/tokens").body(), "kept");
        assertThat(b.post(revoke, form()).statusCode()).isEqualTo(403);
        assertThat(b.post(revoke, form("_token", formToken), "Origin", "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(Api.anonymous(server.base).withToken(token).get("/v1/auth/me").status()).isEqualTo(200);

        // Someone else's token is not found, and keeps working.
        FormClient other = signUp("other");
        assertThat(other.post(revoke, form("_token", other.formToken())).statusCode()).isEqualTo(404);
        assertThat(Api.anonymous(server.base).withToken(token).get("/v1/auth/me").status()).isEqualTo(200);
        assertThat(other.get("/tokens").body()).doesNotContain("kept");
    }

    @Test
    void theAuditLog_showsARevealedRead_theChainsVerification_filtersAndPages_andIsRefusedToAViewer() throws Exception {
        FormClient owner = signUp("auditor");
        String formToken = owner.formToken();
        String p = "/orgs/" + owner.org + "/projects";
        assertThat(owner.post(p, form("name", "Web", "_token", formToken)).statusCode()).isEqualTo(303);
        assertThat(owner.post(p + "/web/secrets", form("key", "API_KEY", "value", "audited-value", "env", "dev", "_token", formToken))
                .statusCode()).isEqualTo(303);
        var revealed = owner.post(p + "/web/reveal", form("env", "dev", "key", "API_KEY"), "X-Requested-With", "hush");
        assertThat(revealed.statusCode()).isEqualTo(200);

        var page = owner.get("/orgs/" + owner.org + "/audit");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<caption>Audit log</caption>", "<th scope=\"row\">secret.read</th>", owner.email,
                "The audit chain is intact: ", " events verified.", "<label for=\"audit-action\">Action</label>",
                "<label for=\"audit-actor\">Actor e-mail</label>", "<label for=\"audit-from\">From</label>", "<label for=\"audit-to\">To</label>",
                "<a href=\"/orgs/" + owner.org + "/audit\">Audit log</a>").doesNotContain("audited-value");
        // Newest first: the read comes before the write that preceded it.
        assertThat(page.body().indexOf("<th scope=\"row\">secret.read</th>"))
                .isPositive().isLessThan(page.body().indexOf("<th scope=\"row\">secret.created</th>"));

        var reads = owner.get("/orgs/" + owner.org + "/audit?action=secret.read").body();
        assertThat(reads).contains("<th scope=\"row\">secret.read</th>").doesNotContain("<th scope=\"row\">secret.created</th>")
                .contains("Events 1 to 1 of 1");
        var byEmail = owner.get("/orgs/" + owner.org + "/audit?action=secret.read&actor=" + FormClient.enc(owner.email.toUpperCase())).body();
        assertThat(byEmail).contains("Events 1 to 1 of 1");
        var nobody = owner.get("/orgs/" + owner.org + "/audit?actor=nobody%40example.com").body();
        assertThat(nobody).contains("No member of").contains("No events match.");
        var today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        assertThat(owner.get("/orgs/" + owner.org + "/audit?action=secret.read&from=" + today + "&to=" + today).body()).contains("Events 1 to 1 of 1");
        assertThat(owner.get("/orgs/" + owner.org + "/audit?from=" + today.plusDays(1)).body()).contains("No events match.");
        assertThat(owner.get("/orgs/" + owner.org + "/audit?from=yesterday").statusCode()).isEqualTo(400);

        // Paging: 50 a page, newer and older links that keep the filter.
        for (int i = 0; i < 50; i++) {
            owner.post(p + "/web/reveal", form("env", "dev", "key", "API_KEY"), "X-Requested-With", "hush");
        }
        var first = owner.get("/orgs/" + owner.org + "/audit?action=secret.read").body();
        assertThat(first).contains("Events 1 to 50 of 51").contains("href=\"/orgs/" + owner.org + "/audit?action=secret.read&amp;page=2\">Older events")
                .doesNotContain("Newer events");
        var second = owner.get("/orgs/" + owner.org + "/audit?action=secret.read&page=2").body();
        assertThat(second).contains("Events 51 to 51 of 51").contains("Newer events").doesNotContain("Older events");

        // A viewer (like a developer) may not read the log; an outsider does not see the organization.
        Api ownerApi = Api.withCookies(server.base).header("X-Requested-With", "hush");
        assertThat(ownerApi.post("/v1/auth/login", Map.of("email", owner.email, "password", PASSWORD)).status()).isEqualTo(200);
        FormClient viewer = signUp("viewer");
        String invite = ownerApi.post("/v1/members/" + owner.org + "/invite", Map.of("email", viewer.email, "role", "viewer"))
                .body().get("token").asText();
        Api viewerApi = Api.withCookies(server.base).header("X-Requested-With", "hush");
        assertThat(viewerApi.post("/v1/auth/login", Map.of("email", viewer.email, "password", PASSWORD)).status()).isEqualTo(200);
        assertThat(viewerApi.post("/v1/members/invite/" + invite + "/accept", null).status()).isEqualTo(200);
        var refused = viewer.get("/orgs/" + owner.org + "/audit");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("role=\"alert\"").doesNotContain("secret.read").doesNotContain("<caption>Audit log</caption>");
        assertThat(signUp("outsider").get("/orgs/" + owner.org + "/audit").statusCode()).isEqualTo(404);
        assertThat(new FormClient(server.base).get("/orgs/" + owner.org + "/audit").headers().firstValue("Location"))
                .hasValue("/login?next=%2Forgs%2F" + owner.org + "%2Faudit");
    }
}
