package dev.hush.bootstrap.api.http;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * docs/security.md 3, 6, 9 and 18 over HTTP: login does not tell unknown accounts from wrong passwords; a
 * cookie or token write with another content type is refused with 415; request bodies cannot set fields the
 * API does not take (mass assignment); every answer carries no-store and no server banner or stack trace,
 * and TRACE is not served.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpHardeningTest {
    Path dir;
    TestServer server;
    Api owner;
    String org;
    String orgId;
    String token;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("hush-hardening");
        server = TestServer.start(dir.resolve("data"), Map.of(), Map.of("hush.webhooks.allow", "127.0.0.1/32"));
        Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
        var reg = session.post("/v1/auth/register", Map.of("email", "first@hardening.test", "password", "first hardening password"));
        org = reg.body().at("/org/slug").asText();
        orgId = reg.body().at("/org/id").asText();
        token = session.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText();
        owner = Api.anonymous(server.base).withToken(token);
        assertThat(owner.post("/v1/projects/" + orgId, Map.of("name", "App", "slug", "app")).status()).isEqualTo(201);
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
        TestFiles.deleteTree(dir);
    }

    /** Red-team finding 13: oversized headers get 431 and an oversized URI 414, with the standard headers. */
    @Test
    void oversizedHeadersAndUris_get431And414_withTheStandardHeaders() throws Exception {
        String headers = raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        assertThat(headers).startsWith("HTTP/1.").contains(" 431 ");
        String uri = raw("GET /v1/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(uri).startsWith("HTTP/1.").contains(" 414 ");
        for (String answer : List.of(headers, uri)) {
            String lower = answer.toLowerCase(java.util.Locale.ROOT);
            assertThat(lower).contains("cache-control: no-store").contains("x-content-type-options: nosniff")
                    .contains("content-type: application/problem+json").doesNotContain("request body");
        }
    }

    private String raw(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void login_answersAnUnknownAccountExactlyAsAWrongPassword() {
        Api a = Api.anonymous(server.base);
        var unknown = a.post("/v1/auth/login", Map.of("email", "nobody@hardening.test", "password", "some password here"));
        var wrong = a.post("/v1/auth/login", Map.of("email", "first@hardening.test", "password", "some password here"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(unknown.status());
        assertThat(wrong.raw().body()).isEqualTo(unknown.raw().body());
        assertThat(wrong.raw().headers().map().keySet()).isEqualTo(unknown.raw().headers().map().keySet());
    }

    @Test
    void writesWithAnotherContentType_get415_andChangeNothing() throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.base.resolve("/v1/secrets/" + org + "/app/dev"))
                .header("Authorization", "Bearer " + token()).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"key\":\"TEXT_PLAIN\",\"value\":\"v\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(415);
        assertThat(res.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(owner.get("/v1/secrets/" + org + "/app/dev/keys").body().toString()).doesNotContain("TEXT_PLAIN");
    }

    @Test
    void bodiesCannotSetFieldsTheApiDoesNotTake() {
        Api second = Api.withCookies(server.base).header("X-Requested-With", "hush");
        var reg = second.post("/v1/auth/register", Map.of("email", "second@hardening.test", "password", "second hardening password",
                "platformAdmin", true, "id", "00000000-0000-0000-0000-000000000001"));
        assertThat(reg.status()).isEqualTo(201);
        assertThat(reg.body().at("/user/platformAdmin").asBoolean()).isFalse();
        assertThat(reg.body().at("/user/id").asText()).isNotEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(second.get("/v1/admin/stats").status()).isEqualTo(403);

        var put = owner.put("/v1/secrets/" + org + "/app/dev", Map.of("key", "MASS", "value", "v", "version", 99, "accessCount", 5,
                "id", "00000000-0000-0000-0000-000000000002", "createdAt", "2000-01-01T00:00:00Z"));
        assertThat(put.status()).isEqualTo(200);
        var row = owner.get("/v1/secrets/" + org + "/app/dev/keys?keys=MASS").body().at("/secrets/0");
        assertThat(row.get("version").asInt()).isEqualTo(1);
        assertThat(row.get("accessCount").asLong()).isZero();
        assertThat(row.toString()).doesNotContain("00000000-0000-0000-0000-000000000002").doesNotContain("2000-01-01");

        var hook = owner.post("/v1/webhooks/" + orgId, Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("secret.created")));
        String hookId = hook.body().get("id").asText();
        var other = second.get("/v1/auth/me").body().at("/orgs/0/id").asText();
        var patched = owner.send("PATCH", "/v1/webhooks/" + orgId + "/" + hookId, Map.of("description", "d", "orgId", other, "secret", "whsec_mine",
                "id", "00000000-0000-0000-0000-000000000003"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(owner.get("/v1/webhooks/" + orgId + "/" + hookId).status()).as("still this organization's, under its id").isEqualTo(200);
        assertThat(second.get("/v1/webhooks/" + other).body().get("webhooks")).as("not moved to the other organization").isEmpty();
        assertThat(owner.get("/v1/webhooks/" + orgId + "/" + hookId).body().toString()).doesNotContain("whsec_");
    }

    @Test
    void everyAnswer_isNoStore_withoutBannerOrStackTrace_andTraceIsNotServed() throws Exception {
        List<Api.Res> answers = List.of(Api.anonymous(server.base).get("/health"), Api.anonymous(server.base).get("/v1/auth/me"),
                owner.get("/v1/no-such-route"), owner.get("/v1/secrets/" + org + "/app/nope"), owner.post("/v1/projects/" + orgId, "{not json"));
        assertThat(answers).extracting(Api.Res::status).containsExactly(200, 401, 404, 404, 400);
        for (Api.Res r : answers) {
            assertThat(r.header("Cache-Control")).as(r.raw().uri().toString()).isEqualTo("no-store");
            assertThat(r.header("Server")).isNull();
            assertThat(r.raw().body()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("micronaut").doesNotContain("Micronaut");
        }
        HttpResponse<String> trace = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.base.resolve("/v1/auth/me"))
                .header("Authorization", "Bearer " + token()).header("X-Canary", "trace-canary")
                .method("TRACE", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(trace.statusCode()).isIn(403, 404, 405);
        assertThat(trace.body()).doesNotContain("trace-canary").doesNotContain(token());
    }

    @Test
    void sessionCookies_areSecureWhenConfigured_andLoginAlwaysIssuesANewSession() throws Exception {
        Path other = Files.createTempDirectory("hush-secure-cookie");
        try (TestServer secure = TestServer.start(other.resolve("data"), Map.of(), Map.of("hush.cookie.secure", "true"))) {
            Api a = Api.anonymous(secure.base);
            var reg = a.post("/v1/auth/register", Map.of("email", "cookie@hardening.test", "password", "cookie hardening password"));
            String first = reg.header("Set-Cookie");
            assertThat(first).containsIgnoringCase("HttpOnly").contains("SameSite=Lax").contains("; Secure");
            var login = a.post("/v1/auth/login", Map.of("email", "cookie@hardening.test", "password", "cookie hardening password"));
            String second = login.header("Set-Cookie");
            assertThat(second).contains("; Secure").containsIgnoringCase("HttpOnly");
            assertThat(cookieValue(second)).as("a new session id at login").isNotEqualTo(cookieValue(first));
        } finally {
            TestFiles.deleteTree(other);
        }
    }

    static String cookieValue(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    String token() { return token; }
}
