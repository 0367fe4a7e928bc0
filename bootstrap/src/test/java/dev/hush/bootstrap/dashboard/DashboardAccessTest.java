package dev.hush.bootstrap.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard's access matrix: every page and action for every kind of signed-in user (the session cookie, as
 * a browser sends it), with the same answers as the API gives the same role (a success is a page or a redirect,
 * a refusal its status; no session sends to the login page). A served dashboard route missing here fails
 * {@code AccessMatrixTest.everyServedRoute_isClassified}, which takes {@link #ROUTES}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class DashboardAccessTest {
    /** The dashboard routes this matrix classifies (with the public ones: sign-up, log-in, home, assets). */
    public static final Set<String> ROUTES = Set.of("GET /", "GET /login", "POST /login", "GET /signup", "POST /signup", "POST /logout",
            "GET /device", "POST /device", "GET /orgs/{org}/projects", "POST /orgs/{org}/projects", "GET /orgs/{org}/projects/{project}",
            "POST /orgs/{org}/projects/{project}/reveal", "POST /orgs/{org}/projects/{project}/secrets",
            "GET /orgs/{org}/projects/{project}/history", "POST /orgs/{org}/projects/{project}/restore",
            "POST /orgs/{org}/projects/{project}/compare", "POST /orgs/{org}/projects/{project}/delete-secret",
            "POST /orgs/{org}/projects/{project}/bulk/preview", "POST /orgs/{org}/projects/{project}/bulk",
            "POST /orgs/{org}/projects/{project}/promote/preview", "POST /orgs/{org}/projects/{project}/promote",
            "POST /orgs/{org}/projects/{project}/environments", "POST /orgs/{org}/projects/{project}/delete",
            "GET /orgs/new", "POST /orgs", "GET /orgs/{org}/settings", "POST /orgs/{org}/delete", "GET /orgs/{org}/search", "POST /orgs/{org}/rename",
            "GET /account", "POST /account/send-verification", "POST /account/password",
            "GET /tokens", "POST /tokens", "POST /tokens/{tokenId}/revoke", "GET /orgs/{org}/audit",
            "GET /orgs/{org}/members", "POST /orgs/{org}/members/invite", "POST /orgs/{org}/members/invites/{invite}/revoke",
            "POST /orgs/{org}/members/{member}/role", "POST /orgs/{org}/members/{member}/remove",
            "GET /invites/{token}", "POST /invites/{token}", "POST /invites/{token}/signup",
            "GET /forgot-password", "POST /forgot-password", "GET /reset-password", "POST /reset-password", "GET /verify-email",
            "GET /orgs/{org}/webhooks", "POST /orgs/{org}/webhooks", "GET /orgs/{org}/webhooks/{id}", "POST /orgs/{org}/webhooks/{id}/edit",
            "POST /orgs/{org}/webhooks/{id}/test", "POST /orgs/{org}/webhooks/{id}/deliveries/{delivery}/redeliver",
            "POST /orgs/{org}/webhooks/{id}/rotate-secret", "POST /orgs/{org}/webhooks/{id}/delete",
            "GET /orgs/{org}/projects/{project}/templates", "POST /orgs/{org}/projects/{project}/templates",
            "POST /orgs/{org}/projects/{project}/templates/remove",
            "GET /orgs/{org}/billing", "POST /orgs/{org}/billing/checkout", "POST /orgs/{org}/billing/portal",
            "GET /admin", "GET /admin/plans/{plan}", "POST /admin/plans/{plan}", "GET /admin/orgs/{orgId}", "POST /admin/orgs/{orgId}",
            "POST /admin/rotate-root-key");
    /** The public pages: no session needed, tested in DashboardPagesTest and MemberPagesTest. */
    static final Set<String> PUBLIC = Set.of("GET /login", "POST /login", "GET /signup", "POST /signup", "POST /logout",
            "POST /invites/{token}/signup", "GET /forgot-password", "POST /forgot-password", "GET /reset-password", "POST /reset-password",
            "GET /verify-email");
    static final List<String> CALLERS = List.of("owner", "admin", "developer", "viewer", "outsider", "anonymous");

    Path dir;
    TestServer server;
    String org;
    String ownerTokenId;
    String targetId;
    final Map<String, String> cookies = new LinkedHashMap<>();
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    final AtomicInteger seq = new AtomicInteger();

    record Row(String route, Call call, int[] expected) {}

    interface Call {
        HttpResponse<String> apply(String caller, int i) throws Exception;
    }

    Api owner;
    String orgId;

    @BeforeAll
    void setUp() throws Exception {
        dir = Files.createTempDirectory("hush-dashboard-matrix");
        server = TestServer.start(dir.resolve("data"));
        owner = register("owner");
        org = owner.get("/v1/auth/me").body().at("/orgs/0/slug").asText();
        orgId = owner.get("/v1/auth/me").body().at("/orgs/0/id").asText();
        for (String role : List.of("admin", "developer", "viewer")) {
            String invite = owner.post("/v1/members/" + orgId + "/invite", Map.of("email", role + "@example.com", "role", role)).body().get("token").asText();
            Api member = register(role);
            assertThat(member.post("/v1/members/invite/" + invite + "/accept", null).status()).isEqualTo(200);
        }
        register("outsider");
        var minted = owner.post("/v1/auth/token", Map.of("name", "owner's"));
        assertThat(minted.status()).isEqualTo(201);
        ownerTokenId = minted.body().get("id").asText();
        targetId = join("target", "developer");
        assertThat(owner.post("/v1/projects/" + orgId, Map.of("name", "Web", "slug", "web")).status()).isEqualTo(201);
        for (String env : List.of("dev", "prod")) {
            assertThat(owner.put("/v1/secrets/" + orgId + "/web/" + env, Map.of("key", "K", "value", env + "-value")).status()).isEqualTo(200);
        }
    }

    Api register(String who) {
        Api api = Api.withCookies(server.base).header("X-Requested-With", "hush");
        var r = api.post("/v1/auth/register", Map.of("email", who + "@example.com", "password", who + " password 123"));
        assertThat(r.status()).isEqualTo(201);
        String cookie = r.raw().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("__hush_session="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        cookies.put(who, cookie);
        return api;
    }

    /** A pending invitation of a new address, by the owner: its id and token. */
    Map<String, String> invite(String role) {
        var body = owner.post("/v1/members/" + orgId + "/invite", Map.of("email", "invited-" + seq.incrementAndGet() + "@example.com",
                "role", role)).body();
        return Map.of("id", body.get("inviteId").asText(), "token", body.get("token").asText());
    }

    /** A new member with {@code role}: its user id. */
    String join(String who, String role) {
        String token = owner.post("/v1/members/" + orgId + "/invite", Map.of("email", who + "@example.com", "role", role)).body().get("token").asText();
        Api member = register(who);
        assertThat(member.post("/v1/members/invite/" + token + "/accept", null).status()).isEqualTo(200);
        return member.get("/v1/auth/me").body().at("/user/id").asText();
    }

    @AfterAll
    void tearDown() throws Exception {
        server.close();
        TestFiles.deleteTree(dir);
    }

    HttpResponse<String> get(String caller, String path) throws Exception {
        var b = HttpRequest.newBuilder(server.base.resolve(path)).GET();
        if (cookies.containsKey(caller)) {
            b.header("Cookie", cookies.get(caller));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String caller, String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        var b = HttpRequest.newBuilder(server.base.resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Requested-With", "hush").POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookies.containsKey(caller)) {
            b.header("Cookie", cookies.get(caller));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static int[] expect(int... statuses) { return statuses; }

    List<Row> table() {
        String p = "/orgs/" + org + "/projects";
        List<Row> t = new ArrayList<>();
        //                                                                                          own  adm  dev  view out  anon
        t.add(new Row("GET /orgs/{org}/projects", (c, i) -> get(c, p), expect(200, 200, 200, 200, 404, 303)));
        t.add(new Row("POST /orgs/{org}/projects", (c, i) -> post(c, p, Map.of("name", "P", "slug", "p-" + seq.incrementAndGet())),
                expect(303, 303, 403, 403, 404, 303)));
        t.add(new Row("GET /orgs/{org}/projects/{project}", (c, i) -> get(c, p + "/web"), expect(200, 200, 200, 200, 404, 303)));
        t.add(new Row("POST prod /orgs/{org}/projects/{project}/reveal", (c, i) -> post(c, p + "/web/reveal", Map.of("env", "prod", "key", "K")),
                expect(200, 200, 403, 403, 404, 303)));
        t.add(new Row("POST dev /orgs/{org}/projects/{project}/reveal", (c, i) -> post(c, p + "/web/reveal", Map.of("env", "dev", "key", "K")),
                expect(200, 200, 200, 200, 404, 303)));
        t.add(new Row("POST /orgs/{org}/projects/{project}/secrets", (c, i) -> post(c, p + "/web/secrets",
                Map.of("key", "W" + seq.incrementAndGet(), "value", "v", "env", "prod")), expect(303, 303, 303, 403, 404, 303)));
        t.add(new Row("GET /orgs/{org}/projects/{project}/history", (c, i) -> get(c, p + "/web/history?env=prod&key=K"),
                expect(200, 200, 200, 200, 404, 303)));
        t.add(new Row("POST /orgs/{org}/projects/{project}/restore", (c, i) -> post(c, p + "/web/restore",
                Map.of("env", "prod", "key", "K", "version", "1")), expect(303, 303, 303, 403, 404, 303)));
        t.add(new Row("POST /orgs/{org}/projects/{project}/bulk/preview", (c, i) -> post(c, p + "/web/bulk/preview",
                Map.of("env", "prod", "content", "K=x\nNEW_" + seq.incrementAndGet() + "=y")), expect(200, 200, 200, 200, 404, 303)));
        t.add(new Row("POST /orgs/{org}/projects/{project}/bulk", (c, i) -> post(c, p + "/web/bulk",
                Map.of("env", "prod", "content", "B_" + seq.incrementAndGet() + "=y")), expect(200, 200, 200, 403, 404, 303)));
        t.add(new Row("POST /orgs/{org}/projects/{project}/promote/preview", (c, i) -> post(c, p + "/web/promote/preview",
                Map.of("from", "dev", "to", "prod", "keys", "K")), expect(200, 200, 200, 200, 404, 303)));
        t.add(new Row("POST /orgs/{org}/projects/{project}/promote", (c, i) -> post(c, p + "/web/promote",
                Map.of("from", "dev", "to", "prod", "keys", "K")), expect(200, 200, 200, 403, 404, 303)));
        t.add(new Row("POST /orgs/{org}/projects/{project}/environments", (c, i) -> post(c, p + "/web/environments",
                Map.of("name", "QA", "slug", "qa-" + seq.incrementAndGet(), "readLevel", "staging")), expect(303, 303, 403, 403, 404, 303)));
        t.add(new Row("POST /orgs/{org}/projects/{project}/delete", (c, i) -> {
            String doomed = "doomed-" + seq.incrementAndGet();
            assertThat(owner.post("/v1/projects/" + orgId, Map.of("name", "Doomed", "slug", doomed)).status()).isEqualTo(201);
            return post(c, p + "/" + doomed + "/delete", Map.of("confirm", doomed));
        }, expect(303, 403, 403, 403, 404, 303)));
        t.add(new Row("POST prod /orgs/{org}/projects/{project}/compare", (c, i) -> post(c, p + "/web/compare",
                Map.of("env", "prod", "key", "K", "a", "1", "b", "1")), expect(200, 200, 403, 403, 404, 303)));
        t.add(new Row("POST dev /orgs/{org}/projects/{project}/compare", (c, i) -> post(c, p + "/web/compare",
                Map.of("env", "dev", "key", "K", "a", "1", "b", "1")), expect(200, 200, 200, 200, 404, 303)));
        t.add(new Row("POST /orgs/{org}/rename", (c, i) -> post(c, "/orgs/" + org + "/rename", Map.of("name", "Owner org " + i)),
                expect(303, 303, 403, 403, 404, 303)));
        t.add(new Row("POST /orgs/{org}/projects/{project}/delete-secret", (c, i) -> {
            String key = "D" + seq.incrementAndGet();
            assertThat(owner.put("/v1/secrets/" + orgId + "/web/prod", Map.of("key", key, "value", "v")).status()).isEqualTo(200);
            return post(c, p + "/web/delete-secret", Map.of("cell", "prod:" + key));
        }, expect(303, 303, 303, 403, 404, 303)));
        t.add(new Row("GET /account", (c, i) -> get(c, "/account"), expect(200, 200, 200, 200, 200, 303)));
        t.add(new Row("POST /account/send-verification", (c, i) -> post(c, "/account/send-verification", Map.of()),
                expect(200, 200, 200, 200, 200, 303)));
        t.add(new Row("POST /account/password", (c, i) -> post(c, "/account/password", Map.of("currentPassword", "not the password",
                "newPassword", "another password 1")), expect(403, 403, 403, 403, 403, 303)));
        t.add(new Row("GET /orgs/{org}/search", (c, i) -> get(c, "/orgs/" + org + "/search?q=K"), expect(200, 200, 200, 200, 404, 303)));
        t.add(new Row("GET /orgs/new", (c, i) -> get(c, "/orgs/new"), expect(200, 200, 200, 200, 200, 303)));
        t.add(new Row("POST /orgs", (c, i) -> post(c, "/orgs", Map.of("name", "New", "slug", "new-" + seq.incrementAndGet())),
                expect(303, 303, 303, 303, 303, 303)));
        t.add(new Row("GET /orgs/{org}/settings", (c, i) -> get(c, "/orgs/" + org + "/settings"), expect(200, 200, 200, 200, 404, 303)));
        t.add(new Row("POST /orgs/{org}/delete", (c, i) -> {
            if (c.equals("owner")) {
                String doomed = "gone-" + seq.incrementAndGet();
                assertThat(owner.post("/v1/orgs", Map.of("name", "Gone", "slug", doomed)).status()).isEqualTo(201);
                return post(c, "/orgs/" + doomed + "/delete", Map.of("confirm", doomed));
            }
            return post(c, "/orgs/" + org + "/delete", Map.of("confirm", org));
        }, expect(303, 403, 403, 403, 404, 303)));
        t.add(new Row("GET /device", (c, i) -> get(c, "/device?code=NONE-NONE"), expect(200, 200, 200, 200, 200, 303)));
        t.add(new Row("POST /device", (c, i) -> post(c, "/device", Map.of("code", "NONE-NONE", "decision", "deny")),
                expect(200, 200, 200, 200, 200, 303)));
        t.add(new Row("GET /", (c, i) -> get(c, "/"), expect(303, 303, 303, 303, 303, 303)));
        // Tokens are each user's own; the audit log is for owners and admins, as GET /v1/audit/{orgId}.
        t.add(new Row("GET /tokens", (c, i) -> get(c, "/tokens"), expect(200, 200, 200, 200, 200, 303)));
        t.add(new Row("POST /tokens", (c, i) -> post(c, "/tokens", Map.of("name", "t" + seq.incrementAndGet())),
                expect(201, 201, 201, 201, 201, 303)));
        t.add(new Row("POST /tokens/{tokenId}/revoke", (c, i) -> post(c, "/tokens/" + ownerTokenId + "/revoke", Map.of()),
                expect(303, 404, 404, 404, 404, 303)));
        t.add(new Row("GET /orgs/{org}/audit", (c, i) -> get(c, "/orgs/" + org + "/audit"), expect(200, 200, 403, 403, 404, 303)));
        String m = "/orgs/" + org + "/members";
        //                                                                                          own  adm  dev  view out  anon
        t.add(new Row("GET /orgs/{org}/members", (c, i) -> get(c, m), expect(200, 200, 403, 403, 404, 303)));
        t.add(new Row("POST /orgs/{org}/members/invite", (c, i) -> post(c, m + "/invite", Map.of("email", "new-" + seq.incrementAndGet()
                + "@example.com", "role", "viewer")), expect(303, 303, 403, 403, 404, 303)));
        t.add(new Row("POST owner /orgs/{org}/members/invite", (c, i) -> post(c, m + "/invite", Map.of("email", "new-" + seq.incrementAndGet()
                + "@example.com", "role", "owner")), expect(303, 403, 403, 403, 404, 303)));
        t.add(new Row("POST /orgs/{org}/members/invites/{invite}/revoke", (c, i) -> post(c, m + "/invites/" + invite("viewer").get("id")
                + "/revoke", Map.of()), expect(303, 303, 403, 403, 404, 303)));
        t.add(new Row("POST owner's /orgs/{org}/members/invites/{invite}/revoke", (c, i) -> post(c, m + "/invites/" + invite("owner").get("id")
                + "/revoke", Map.of()), expect(303, 403, 403, 403, 404, 303)));
        t.add(new Row("POST /orgs/{org}/members/{member}/role", (c, i) -> post(c, m + "/" + targetId + "/role", Map.of("role", "developer")),
                expect(303, 403, 403, 403, 404, 303)));
        t.add(new Row("POST /orgs/{org}/members/{member}/remove", (c, i) -> post(c, m + "/" + join("removed-" + seq.incrementAndGet(),
                "developer") + "/remove", Map.of()), expect(303, 303, 403, 403, 404, 303)));
        t.add(new Row("GET /invites/{token}", (c, i) -> get(c, "/invites/" + invite("viewer").get("token")), expect(200, 200, 200, 200, 200, 200)));
        t.add(new Row("POST /invites/{token}", (c, i) -> post(c, "/invites/" + invite("viewer").get("token"), Map.of()),
                expect(403, 403, 403, 403, 403, 303)));
        // Webhooks are for owners and admins, as /v1/webhooks (their URLs may carry a receiver's credentials). The target is a
        // public address nothing here can reach, as in AccessMatrixTest.
        String w = "/orgs/" + org + "/webhooks";
        java.util.function.Supplier<String> hook = () -> {
            var r = owner.post("/v1/webhooks/" + orgId, Map.of("url", "https://93.184.216.34:1/hook", "events", List.of("secret.promoted")));
            assertThat(r.status()).isEqualTo(201);
            return r.body().get("id").asText();
        };
        String hookId = hook.get();
        //                                                                                          own  adm  dev  view out  anon
        t.add(new Row("GET /orgs/{org}/webhooks", (c, i) -> get(c, w), expect(200, 200, 403, 403, 404, 303)));
        t.add(new Row("POST /orgs/{org}/webhooks", (c, i) -> post(c, w, Map.of("url", "https://93.184.216.34:1/new", "event-secret-created", "on")),
                expect(201, 201, 403, 403, 404, 303)));
        t.add(new Row("GET /orgs/{org}/webhooks/{id}", (c, i) -> get(c, w + "/" + hookId), expect(200, 200, 403, 403, 404, 303)));
        t.add(new Row("POST /orgs/{org}/webhooks/{id}/edit", (c, i) -> post(c, w + "/" + hookId + "/edit", Map.of("url",
                "https://93.184.216.34:1/hook", "description", "d" + i, "active", "true")), expect(303, 303, 403, 403, 404, 303)));
        t.add(new Row("POST /orgs/{org}/webhooks/{id}/test", (c, i) -> post(c, w + "/" + hookId + "/test", Map.of()),
                expect(303, 303, 403, 403, 404, 303)));
        t.add(new Row("POST /orgs/{org}/webhooks/{id}/deliveries/{delivery}/redeliver", (c, i) -> post(c, w + "/" + hookId + "/deliveries/"
                + java.util.UUID.randomUUID() + "/redeliver", Map.of()), expect(404, 404, 403, 403, 404, 303)));
        t.add(new Row("POST /orgs/{org}/webhooks/{id}/rotate-secret", (c, i) -> post(c, w + "/" + hookId + "/rotate-secret", Map.of()),
                expect(200, 200, 403, 403, 404, 303)));
        t.add(new Row("POST /orgs/{org}/webhooks/{id}/delete", (c, i) -> post(c, w + "/" + (i < 2 ? hook.get() : hookId) + "/delete", Map.of()),
                expect(303, 303, 403, 403, 404, 303)));
        // A project's template: every member reads it and sees the environments they may; owners and admins change it.
        String tpl = p + "/web/templates";
        t.add(new Row("GET /orgs/{org}/projects/{project}/templates", (c, i) -> get(c, tpl), expect(200, 200, 200, 200, 404, 303)));
        t.add(new Row("POST /orgs/{org}/projects/{project}/templates", (c, i) -> post(c, tpl, Map.of("key", "REQ_" + seq.incrementAndGet())),
                expect(303, 303, 403, 403, 404, 303)));
        t.add(new Row("POST /orgs/{org}/projects/{project}/templates/remove", (c, i) -> {
            String key = "GONE_" + seq.incrementAndGet();
            assertThat(owner.post("/v1/templates/" + org + "/web", Map.of("key", key)).status()).isEqualTo(201);
            return post(c, tpl + "/remove", Map.of("key", key));
        }, expect(303, 303, 403, 403, 404, 303)));
        // Billing is for owners and admins, as /v1/billing; without billing (these tests) checkout and portal answer 409.
        String b = "/orgs/" + org + "/billing";
        //                                                                                          own  adm  dev  view out  anon
        t.add(new Row("GET /orgs/{org}/billing", (c, i) -> get(c, b), expect(200, 200, 403, 403, 404, 303)));
        t.add(new Row("POST /orgs/{org}/billing/checkout", (c, i) -> post(c, b + "/checkout", Map.of("plan", "pro")),
                expect(409, 409, 403, 403, 404, 303)));
        t.add(new Row("POST /orgs/{org}/billing/portal", (c, i) -> post(c, b + "/portal", Map.of()), expect(409, 409, 403, 403, 404, 303)));
        // The admin pages are for platform admins only, as /v1/admin: here the owner, the instance's first account.
        t.add(new Row("GET /admin", (c, i) -> get(c, "/admin"), expect(200, 403, 403, 403, 403, 303)));
        t.add(new Row("GET /admin/plans/{plan}", (c, i) -> get(c, "/admin/plans/enterprise"), expect(200, 403, 403, 403, 403, 303)));
        t.add(new Row("POST /admin/plans/{plan}", (c, i) -> post(c, "/admin/plans/enterprise", Map.of()), expect(303, 403, 403, 403, 403, 303)));
        t.add(new Row("GET /admin/orgs/{orgId}", (c, i) -> get(c, "/admin/orgs/" + orgId), expect(200, 403, 403, 403, 403, 303)));
        t.add(new Row("POST /admin/orgs/{orgId}", (c, i) -> post(c, "/admin/orgs/" + orgId, Map.of()), expect(303, 403, 403, 403, 403, 303)));
        t.add(new Row("POST /admin/rotate-root-key", (c, i) -> post(c, "/admin/rotate-root-key", Map.of("confirm", "rotate")),
                expect(200, 403, 403, 403, 403, 303)));
        return t;
    }

    @Test
    void everyPage_everyCaller_getsExactlyTheExpectedStatus_andNoValueLeaksOnARefusal() throws Exception {
        List<String> mismatches = new ArrayList<>();
        for (Row row : table()) {
            for (int c = 0; c < CALLERS.size(); c++) {
                String caller = CALLERS.get(c);
                var res = row.call().apply(caller, c);
                if (res.statusCode() != row.expected()[c]) {
                    mismatches.add(row.route() + " as " + caller + ": expected " + row.expected()[c] + ", got " + res.statusCode());
                }
                if (res.statusCode() >= 300) {
                    assertThat(res.body()).as(row.route() + " as " + caller).doesNotContain("prod-value").doesNotContain("dev-value");
                }
                if (res.statusCode() == 303 && caller.equals("anonymous")) {
                    assertThat(res.headers().firstValue("Location").orElse("")).as(row.route()).startsWith("/login");
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void eachRole_isOfferedOnlyTheActionsItMayTake() throws Exception {
        String owner = get("owner", "/orgs/" + org + "/projects/web").body();
        assertThat(owner).contains("aria-label=\"Reveal K in prod\"", ">Save</button>", ">Add environment</button>", ">Delete project</button>");
        String admin = get("admin", "/orgs/" + org + "/projects/web").body();
        assertThat(admin).contains("aria-label=\"Reveal K in prod\"", ">Add environment</button>").doesNotContain(">Delete project</button>");
        String developer = get("developer", "/orgs/" + org + "/projects/web").body();
        assertThat(developer).contains("aria-label=\"Reveal K in dev\"", ">Save</button>", "<option value=\"prod\"")
                .doesNotContain("aria-label=\"Reveal K in prod\"").doesNotContain("aria-label=\"Copy K in prod\"")
                .doesNotContain(">Add environment</button>").doesNotContain(">Delete project</button>");
        String viewer = get("viewer", "/orgs/" + org + "/projects/web").body();
        assertThat(viewer).contains("aria-label=\"Reveal K in dev\"").doesNotContain("aria-label=\"Reveal K in prod\"")
                .doesNotContain(">Save</button>").doesNotContain(">Preview import</button>").doesNotContain(">Preview promotion</button>")
                .doesNotContain(">Add environment</button>");
        // The navigation offers an organization's owner-and-admin pages only to its owners and admins.
        assertThat(owner).contains(">Members</a>", ">Audit log</a>", ">Webhooks</a>", ">Billing</a>", "aria-label=\"Edit K in prod\"");
        assertThat(viewer).doesNotContain(">Members</a>").doesNotContain(">Audit log</a>").doesNotContain(">Webhooks</a>")
                .doesNotContain(">Billing</a>").doesNotContain("aria-label=\"Edit K in");
        assertThat(developer).doesNotContain(">Members</a>").contains("aria-label=\"Edit K in prod\"");
    }

    @Test
    void aViewer_seesNoValueInTheMatrix_andTheRevealOfProdIsRefused() throws Exception {
        var page = get("viewer", "/orgs/" + org + "/projects/web");
        assertThat(page.body()).contains("<caption>Secrets</caption>").doesNotContain("prod-value").doesNotContain("dev-value");
        var refused = post("viewer", "/orgs/" + org + "/projects/web/reveal", Map.of("env", "prod", "key", "K"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).doesNotContain("prod-value").contains("role=\"alert\"");
    }

    @Test
    void servedDashboardRoutes_areAllInTheMatrixOrPublic() {
        Set<String> covered = table().stream().map(r -> {
            String[] w = r.route().split(" ");
            return w[0] + " " + w[w.length - 1];
        }).collect(Collectors.toSet());
        for (String route : ROUTES) {
            boolean isPublic = PUBLIC.contains(route);
            assertThat(isPublic || covered.contains(route)).as(route + " has a row (or is a public page tested in DashboardPagesTest or MemberPagesTest)")
                    .isTrue();
        }
        assertThat(URI.create(server.base.toString())).isNotNull();
    }
}
