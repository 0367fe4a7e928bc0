package dev.hush.bootstrap.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's pages over HTTP as a browser without JavaScript sends them (form posts, redirects, the session
 * cookie): each test signs up its own account. The browser tests drive the same pages in Chromium.
 */
class DashboardPagesTest {
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("hush-dashboard");
        server = TestServer.start(dir.resolve("data"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        TestFiles.deleteTree(dir);
    }

    static int accounts;

    /** Signs up a new account (its personal organization is named after the e-mail) and returns its browser. */
    static FormClient signUp(String name) throws Exception {
        FormClient b = new FormClient(server.base);
        String email = name + (++accounts) + "@example.com";
        var r = b.post("/signup", Map.of("name", name, "email", email, "password", "correct horse battery"));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/orgs/").endsWith("/projects"));
        assertThat(r.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).contains("HTTPOnly").contains("SameSite=Lax"));
        return b;
    }

    static String orgOf(FormClient b) throws Exception {
        String location = b.get("/").headers().firstValue("Location").orElseThrow();
        return location.split("/")[2];
    }

    @Test
    void publicPages_haveLabelledFields_andTheSecurityHeaders() throws Exception {
        var login = new FormClient(server.base).get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<label for=\"email\">Email</label>", "<label for=\"password\">Password</label>", ">Log in</button>")
                .contains("<html lang=\"en\">").doesNotContain("<script>").doesNotContain(" style=");
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'self'; frame-ancestors 'none'");
        assertThat(login.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.headers().firstValue("Referrer-Policy")).as("pages: no referrer to other sites, their own Origin on their form posts").hasValue("same-origin");
        var signup = new FormClient(server.base).get("/signup");
        assertThat(signup.body()).contains("<label for=\"name\">Name</label>", ">Create account</button>");
        for (String asset : new String[] {"/webjars/htmx.org/2.0.10/dist/htmx.min.js", "/webjars/picocss__pico/2.1.1/css/pico.min.css",
                "/assets/dashboard.js", "/assets/dashboard.css"}) {
            assertThat(new FormClient(server.base).get(asset).statusCode()).as(asset).isEqualTo(200);
        }
    }

    @Test
    void pages_withoutASession_sendToLogin_andBackAfterIt() throws Exception {
        FormClient owner = signUp("back");
        String org = orgOf(owner);
        FormClient anon = new FormClient(server.base);
        var page = anon.get("/orgs/" + org + "/projects");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login?next=%2Forgs%2F" + org + "%2Fprojects");

        var wrong = anon.post("/login", Map.of("email", "back1@example.com", "password", "wrong password!!", "next", "/orgs/" + org + "/projects"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("Wrong e-mail or password.").contains("role=\"alert\"");

        var email = "back" + accounts + "@example.com";
        var ok = anon.post("/login", Map.of("email", email, "password", "correct horse battery", "next", "/orgs/" + org + "/projects"));
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location")).hasValue("/orgs/" + org + "/projects");
        // Never to another site.
        var away = new FormClient(server.base).post("/login", Map.of("email", email, "password", "correct horse battery", "next", "//evil.example/x"));
        assertThat(away.headers().firstValue("Location")).hasValue("/");
    }

    @Test
    void matrix_showsKeysByEnvironment_marksMissing_escapesMarkup_andRevealsOneValue() throws Exception {
        FormClient b = signUp("matrix");
        String org = orgOf(b);
        String token = b.token("/orgs/" + org + "/projects");
        assertThat(b.post("/orgs/" + org + "/projects", Map.of("name", "Web", "_token", token)).headers().firstValue("Location"))
                .hasValue("/orgs/" + org + "/projects/web");
        var set = b.post("/orgs/" + org + "/projects/web/secrets", Map.of("key", "DATABASE_URL", "value", "postgres://db-value",
                "env", "dev", "description", "<script>alert(1)</script>", "_token", token));
        assertThat(set.statusCode()).isEqualTo(303);

        String page = b.get("/orgs/" + org + "/projects/web").body();
        assertThat(page).contains("<caption>Secrets</caption>", "<th scope=\"col\">dev</th>", "<th scope=\"col\">prod</th>",
                "<th scope=\"row\">DATABASE_URL", "aria-label=\"Reveal DATABASE_URL in dev\"", "aria-label=\"Copy DATABASE_URL in dev\"",
                "&lt;script&gt;alert(1)&lt;/script&gt;", "<mark>missing</mark>", "<label for=\"secret-key\">Key</label>",
                "<label for=\"secret-value\">Value</label>", "<label for=\"secret-env\">Environment</label>", ">Save</button>");
        assertThat(page).doesNotContain("postgres://db-value").doesNotContain("<script>alert(1)");

        var revealed = b.post("/orgs/" + org + "/projects/web/reveal", Map.of("env", "dev", "key", "DATABASE_URL"), "X-Requested-With", "hush");
        assertThat(revealed.statusCode()).isEqualTo(200);
        assertThat(revealed.body()).contains("postgres://db-value").contains("class=\"revealed\"");
        assertThat(revealed.headers().firstValue("Cache-Control")).hasValue("no-store");
        var copied = b.post("/orgs/" + org + "/projects/web/reveal", Map.of("env", "dev", "key", "DATABASE_URL", "plain", "1", "_token", token));
        assertThat(copied.body()).isEqualTo("postgres://db-value");
        // A reference is revealed resolved, as every other reader of the value gets it (issue 16).
        assertThat(b.post("/orgs/" + org + "/projects/web/secrets", Map.of("key", "DSN", "value", "${DATABASE_URL}?sslmode=require", "env", "dev",
                "_token", token)).statusCode()).isEqualTo(303);
        assertThat(b.post("/orgs/" + org + "/projects/web/reveal", Map.of("env", "dev", "key", "DSN", "plain", "1", "_token", token)).body())
                .isEqualTo("postgres://db-value?sslmode=require");

        // The reads are in the audit log like any other.
        var api = Api.withCookies(server.base);
        assertThat(api.post("/v1/auth/login", Map.of("email", "matrix" + accounts + "@example.com", "password", "correct horse battery")).status())
                .isEqualTo(200);
        var audit = api.get("/v1/audit/" + org);
        assertThat(audit.body().toString()).contains("secret.read");
    }

    @Test
    void changes_withoutTheHeaderOrToken_orFromAnotherOrigin_areRefused_andChangeNothing() throws Exception {
        FormClient b = signUp("csrf");
        String org = orgOf(b);
        String token = b.token("/orgs/" + org + "/projects");
        b.post("/orgs/" + org + "/projects", Map.of("name", "Api", "_token", token));

        var noToken = b.post("/orgs/" + org + "/projects/api/secrets", Map.of("key", "K", "value", "v", "env", "dev"));
        assertThat(noToken.statusCode()).isEqualTo(403);
        var wrongToken = b.post("/orgs/" + org + "/projects/api/secrets", Map.of("key", "K", "value", "v", "env", "dev", "_token", "x" + token));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        var otherOrigin = b.post("/orgs/" + org + "/projects/api/secrets", Map.of("key", "K", "value", "v", "env", "dev", "_token", token),
                "Origin", "https://evil.example");
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        var reveal = b.post("/orgs/" + org + "/projects/api/reveal", Map.of("env", "dev", "key", "K"));
        assertThat(reveal.statusCode()).isEqualTo(403);

        assertThat(b.get("/orgs/" + org + "/projects/api").body()).doesNotContain("<th scope=\"row\">K");
    }

    @Test
    void anotherOrganizationsProject_isNotFound_andItsValuesStayHidden() throws Exception {
        FormClient owner = signUp("owner");
        String org = orgOf(owner);
        String token = owner.token("/orgs/" + org + "/projects");
        owner.post("/orgs/" + org + "/projects", Map.of("name", "Private", "_token", token));
        owner.post("/orgs/" + org + "/projects/private/secrets", Map.of("key", "SECRET", "value", "owner-only", "env", "prod", "_token", token));

        FormClient other = signUp("other");
        var page = other.get("/orgs/" + org + "/projects/private");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).doesNotContain("SECRET");
        var reveal = other.post("/orgs/" + org + "/projects/private/reveal", Map.of("env", "prod", "key", "SECRET"), "X-Requested-With", "hush");
        assertThat(reveal.statusCode()).isEqualTo(404);
        assertThat(reveal.body()).doesNotContain("owner-only");
    }

    @Test
    void device_approvesTheCliLogin_thePrintedLinkOpensIt() throws Exception {
        var started = Api.anonymous(server.base).post("/v1/auth/cli-auth", Map.of());
        String code = started.body().get("userCode").asText();
        String link = started.body().get("verificationUrl").asText();
        assertThat(link).isEqualTo(server.base + "/device?code=" + code);

        FormClient b = signUp("device");
        var page = b.get(URI.create(link).getRawPath() + "?" + URI.create(link).getRawQuery());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<label for=\"code\">Code</label>", "value=\"" + code + "\"", ">Approve</button>", ">Deny</button>");
        var denied = b.post("/device", new LinkedHashMap<>(Map.of("code", code, "decision", "deny", "_token", b.token("/device"))));
        assertThat(denied.body()).contains("Not approved");
        assertThat(Api.anonymous(server.base).post("/v1/auth/cli-auth/token", Map.of("deviceCode", started.body().get("deviceCode").asText()))
                .code()).isEqualTo("authorization_pending");

        var approved = b.post("/device", Map.of("code", code, "decision", "approve", "name", "laptop", "_token", b.token("/device")));
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(approved.body()).contains("Approved");
        var token = Api.anonymous(server.base).post("/v1/auth/cli-auth/token", Map.of("deviceCode", started.body().get("deviceCode").asText()));
        assertThat(token.status()).isEqualTo(201);
        assertThat(token.body().get("token").asText()).startsWith("hush_tok_");
    }

    @Test
    void history_listsVersions_andRestoreMakesTheOldValueTheNewest() throws Exception {
        FormClient b = signUp("history");
        String org = orgOf(b);
        String token = b.token("/orgs/" + org + "/projects");
        b.post("/orgs/" + org + "/projects", Map.of("name", "Hist", "_token", token));
        for (String value : new String[] {"first-value", "second-value"}) {
            b.post("/orgs/" + org + "/projects/hist/secrets", Map.of("key", "API_KEY", "value", value, "env", "dev", "_token", token));
        }
        String matrix = b.get("/orgs/" + org + "/projects/hist").body();
        assertThat(matrix).contains("aria-label=\"History of API_KEY in dev\"", "aria-label=\"Set API_KEY in prod\"");
        var prefilled = b.get("/orgs/" + org + "/projects/hist?key=API_KEY&env=prod").body();
        assertThat(prefilled).contains("value=\"API_KEY\"").containsPattern("<option value=\"prod\" selected");

        var history = b.get("/orgs/" + org + "/projects/hist/history?env=dev&key=API_KEY");
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.body()).contains("<caption>History of API_KEY in dev</caption>", ">Restore version 1</button>",
                        "<td>history" + accounts + "@example.com</td>")
                .doesNotContain("Restore version 2").doesNotContain("first-value").doesNotContain("second-value");

        var restored = b.post("/orgs/" + org + "/projects/hist/restore", Map.of("env", "dev", "key", "API_KEY", "version", "1", "_token", token));
        assertThat(restored.statusCode()).isEqualTo(303);
        assertThat(b.get("/orgs/" + org + "/projects/hist/history?env=dev&key=API_KEY").body()).contains(">Restore version 2</button>");
        var value = b.post("/orgs/" + org + "/projects/hist/reveal", Map.of("env", "dev", "key", "API_KEY", "plain", "1", "_token", token));
        assertThat(value.body()).isEqualTo("first-value");
        assertThat(b.post("/orgs/" + org + "/projects/hist/restore", Map.of("env", "dev", "key", "API_KEY", "version", "9", "_token", token))
                .statusCode()).isEqualTo(404);

        var compared = b.post("/orgs/" + org + "/projects/hist/compare", Map.of("env", "dev", "key", "API_KEY", "a", "1", "b", "2", "_token", token));
        assertThat(compared.statusCode()).isEqualTo(200);
        assertThat(compared.body()).contains("The two values differ.", "<code>first-value</code>", "<code>second-value</code>");
        assertThat(compared.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(b.post("/orgs/" + org + "/projects/hist/compare", Map.of("env", "dev", "key", "API_KEY", "a", "1", "b", "3", "_token", token))
                .body()).contains("The two values are identical.");
    }

    @Test
    void bulkPaste_previewsWithoutWriting_thenAppliesAllOrNothing() throws Exception {
        FormClient b = signUp("bulk");
        String org = orgOf(b);
        String token = b.token("/orgs/" + org + "/projects");
        b.post("/orgs/" + org + "/projects", Map.of("name", "Bulk", "_token", token));
        b.post("/orgs/" + org + "/projects/bulk/secrets", Map.of("key", "EXISTING", "value", "old", "env", "dev", "_token", token));
        StringBuilder env = new StringBuilder("# pasted\nexport EXISTING=new\nMULTI=\"line one\nline two\"\n");
        for (int i = 0; i < 48; i++) {
            env.append("KEY_").append(i).append("=value-").append(i).append('\n');
        }
        var preview = b.post("/orgs/" + org + "/projects/bulk/bulk/preview", Map.of("env", "dev", "content", env.toString(), "_token", token));
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("<caption>Import preview for dev</caption>", "49 new, 1 updated, 0 unchanged", ">Apply import</button>")
                .contains("<th scope=\"row\">MULTI</th><td>creates the key</td>");
        assertThat(b.get("/orgs/" + org + "/projects/bulk").body()).as("the preview writes nothing").doesNotContain("KEY_0");

        var bad = b.post("/orgs/" + org + "/projects/bulk/bulk", Map.of("env", "dev", "content", "GOOD=1\n1BAD=2\n", "_token", token));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(b.get("/orgs/" + org + "/projects/bulk").body()).as("all or nothing").doesNotContain("GOOD");

        var applied = b.post("/orgs/" + org + "/projects/bulk/bulk", Map.of("env", "dev", "content", env.toString(), "_token", token));
        assertThat(applied.statusCode()).isEqualTo(200);
        assertThat(applied.body()).contains("49 created, 1 updated, 0 unchanged");
        assertThat(b.post("/orgs/" + org + "/projects/bulk/reveal", Map.of("env", "dev", "key", "MULTI", "plain", "1", "_token", token)).body())
                .isEqualTo("line one\nline two");
        var again = b.post("/orgs/" + org + "/projects/bulk/bulk/preview", Map.of("env", "dev", "content", "EXISTING=new\nKEY_0=changed\n",
                "_token", token));
        assertThat(again.body()).contains("0 new, 1 updated, 1 unchanged", "<th scope=\"row\">EXISTING</th><td>unchanged (the same value)</td>",
                "<th scope=\"row\">KEY_0</th><td>a new version (the value differs)</td>").doesNotContain("value-0");
    }

    @Test
    void promote_previewsWhatChangesInTheTarget_thenCopiesTheValues() throws Exception {
        FormClient b = signUp("promote");
        String org = orgOf(b);
        String token = b.token("/orgs/" + org + "/projects");
        b.post("/orgs/" + org + "/projects", Map.of("name", "Promo", "_token", token));
        b.post("/orgs/" + org + "/projects/promo/secrets", Map.of("key", "A", "value", "a-dev", "env", "dev", "_token", token));
        b.post("/orgs/" + org + "/projects/promo/secrets", Map.of("key", "B", "value", "b-dev", "env", "dev", "_token", token));
        b.post("/orgs/" + org + "/projects/promo/secrets", Map.of("key", "B", "value", "b-prod", "env", "prod", "_token", token));

        var preview = b.post("/orgs/" + org + "/projects/promo/promote/preview", Map.of("from", "dev", "to", "prod", "keys", "", "_token", token));
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("<caption>Promotion preview from dev to prod</caption>", "1 new in prod, 1 updated, 0 unchanged",
                ">Apply promotion</button>").doesNotContain("a-dev").doesNotContain("b-dev");
        assertThat(b.post("/orgs/" + org + "/projects/promo/reveal", Map.of("env", "prod", "key", "B", "plain", "1", "_token", token)).body())
                .as("the preview writes nothing").isEqualTo("b-prod");
        assertThat(b.post("/orgs/" + org + "/projects/promo/promote/preview", Map.of("from", "dev", "to", "prod", "keys", "NOPE", "_token", token))
                .statusCode()).isEqualTo(400);

        var applied = b.post("/orgs/" + org + "/projects/promo/promote", Map.of("from", "dev", "to", "prod", "keys", "A,B", "_token", token));
        assertThat(applied.body()).contains("Promoted 2 from dev to prod: 1 created, 1 updated, 0 unchanged");
        assertThat(b.post("/orgs/" + org + "/projects/promo/reveal", Map.of("env", "prod", "key", "B", "plain", "1", "_token", token)).body())
                .isEqualTo("b-dev");
    }

    @Test
    void matrix_filtersByKeyPrefixAndTag_andSearchFindsKeysInEveryProject() throws Exception {
        FormClient b = signUp("filter");
        String org = orgOf(b);
        String token = b.token("/orgs/" + org + "/projects");
        b.post("/orgs/" + org + "/projects", Map.of("name", "One", "_token", token));
        b.post("/orgs/" + org + "/projects", Map.of("name", "Two", "_token", token));
        var api = Api.withCookies(server.base).header("X-Requested-With", "hush");
        assertThat(api.post("/v1/auth/login", Map.of("email", "filter" + accounts + "@example.com", "password", "correct horse battery")).status())
                .isEqualTo(200);
        api.put("/v1/secrets/" + org + "/one/dev", Map.of("key", "DB_URL", "value", "x", "tags", List.of("db")));
        api.put("/v1/secrets/" + org + "/one/dev", Map.of("key", "DB_USER", "value", "x"));
        api.put("/v1/secrets/" + org + "/one/prod", Map.of("key", "STRIPE_KEY", "value", "x"));
        api.put("/v1/secrets/" + org + "/two/staging", Map.of("key", "DB_URL", "value", "y"));

        String byPrefix = b.get("/orgs/" + org + "/projects/one?prefix=DB_").body();
        assertThat(byPrefix).contains("<th scope=\"row\">DB_URL", "<th scope=\"row\">DB_USER").doesNotContain("<th scope=\"row\">STRIPE_KEY")
                .contains("<label for=\"filter-prefix\">Key starts with</label>", "value=\"DB_\"");
        String byTag = b.get("/orgs/" + org + "/projects/one?tag=db").body();
        assertThat(byTag).contains("<th scope=\"row\">DB_URL").doesNotContain("<th scope=\"row\">DB_USER");

        var search = b.get("/orgs/" + org + "/search?q=DB_U");
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains("<caption>Keys starting with DB_U</caption>")
                .containsPattern("one</a></td><td>dev</td><th scope=\"row\">DB_URL")
                .containsPattern("one</a></td><td>dev</td><th scope=\"row\">DB_USER")
                .containsPattern("two</a></td><td>staging</td><th scope=\"row\">DB_URL")
                .doesNotContain("STRIPE_KEY");
        assertThat(b.get("/orgs/" + org + "/search?q=NOTHING").body()).contains("No key starts with NOTHING.");
    }

    @Test
    void setWithTagsAndPurpose_thenDeleteACell_keepsItsHistory() throws Exception {
        FormClient b = signUp("cell");
        String org = orgOf(b);
        String token = b.token("/orgs/" + org + "/projects");
        b.post("/orgs/" + org + "/projects", Map.of("name", "Cells", "_token", token));
        b.post("/orgs/" + org + "/projects/cells/secrets", Map.of("key", "SSH", "value", "k", "env", "dev", "tags", "ops, infra",
                "purposeType", "SSHKey", "_token", token));
        var api = Api.withCookies(server.base);
        assertThat(api.post("/v1/auth/login", Map.of("email", "cell" + accounts + "@example.com", "password", "correct horse battery")).status())
                .isEqualTo(200);
        var listed = api.get("/v1/secrets/" + org + "/cells/dev/keys").body().toString();
        assertThat(listed).contains("\"ops\"", "\"infra\"", "SSHKey");

        assertThat(b.get("/orgs/" + org + "/projects/cells").body()).contains("aria-label=\"Delete SSH in dev\"");
        assertThat(b.post("/orgs/" + org + "/projects/cells/delete-secret", Map.of("cell", "dev:SSH")).statusCode()).as("no token").isEqualTo(403);
        var deleted = b.post("/orgs/" + org + "/projects/cells/delete-secret", Map.of("cell", "dev:SSH", "_token", token));
        assertThat(deleted.statusCode()).isEqualTo(303);
        assertThat(b.get("/orgs/" + org + "/projects/cells").body()).doesNotContain("<th scope=\"row\">SSH");
        assertThat(b.get("/orgs/" + org + "/projects/cells/history?env=dev&key=SSH").body()).contains("<caption>History of SSH in dev</caption>");
    }

    @Test
    void account_changesThePassword_endingOtherSessions_andSendsTheVerificationLink() throws Exception {
        FormClient b = signUp("account");
        String email = "account" + accounts + "@example.com";
        FormClient other = new FormClient(server.base);
        assertThat(other.post("/login", Map.of("email", email, "password", "correct horse battery")).statusCode()).isEqualTo(303);
        String token = b.token("/account");
        assertThat(b.get("/account").body()).contains("<label for=\"new-password\">New password</label>", ">Change password</button>");

        var wrong = b.post("/account/password", Map.of("currentPassword", "nope nope nope", "newPassword", "brand new password", "_token", token));
        assertThat(wrong.statusCode()).isEqualTo(403);
        var changed = b.post("/account/password", Map.of("currentPassword", "correct horse battery", "newPassword", "brand new password",
                "_token", token));
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(b.get("/account?changed=1").body()).contains("Your password is changed");
        assertThat(other.get("/account").statusCode()).as("the other session ended").isEqualTo(303);
        assertThat(new FormClient(server.base).post("/login", Map.of("email", email, "password", "brand new password")).statusCode()).isEqualTo(303);

        var sent = b.post("/account/send-verification", Map.of("_token", b.token("/account")));
        assertThat(sent.body()).contains("A verification link is on its way to " + email);
        Path outbox = dir.resolve("data").resolve("outbox");
        try (var files = Files.list(outbox)) {
            assertThat(files.map(f -> {
                try {
                    return Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).filter(m -> m.contains(email)).anyMatch(m -> m.contains("/verify-email?token="))).isTrue();
        }
    }

    @Test
    void logout_endsTheSession() throws Exception {
        FormClient b = signUp("logout");
        String org = orgOf(b);
        String token = b.token("/orgs/" + org + "/projects");
        assertThat(b.post("/logout", Map.of()).statusCode()).as("without the form token").isEqualTo(403);
        var out = b.post("/logout", Map.of("_token", token));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(b.get("/orgs/" + org + "/projects").statusCode()).isEqualTo(303);
    }
}
