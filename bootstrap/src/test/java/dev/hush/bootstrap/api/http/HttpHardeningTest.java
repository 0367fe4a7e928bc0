package dev.hush.bootstrap.api.http;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * cookie or token write with another content type is refused with 415; a body with a field the API does not take is
 * refused with 400 naming it (no mass assignment, no silently dropped typo), unreadable JSON with where it breaks; every answer carries no-store and no server banner or stack trace,
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
    void bodiesCannotSetFieldsTheApiDoesNotTake_theyAreRefusedByName_andNothingChanges() {
        Api second = Api.withCookies(server.base).header("X-Requested-With", "hush");
        var reg = second.post("/v1/auth/register", Map.of("email", "second@hardening.test", "password", "second hardening password",
                "platformAdmin", true));
        assertThat(reg.status()).isEqualTo(400);
        assertThat(reg.code()).isEqualTo("unknown_field");
        assertThat(reg.body().at("/errors/0/field").asText()).isEqualTo("platformAdmin");
        assertThat(second.post("/v1/auth/login", Map.of("email", "second@hardening.test", "password", "second hardening password")).status())
                .as("no account was made").isEqualTo(401);
        assertThat(second.post("/v1/auth/register", Map.of("email", "second@hardening.test", "password", "second hardening password")).status())
                .isEqualTo(201);
        assertThat(second.get("/v1/admin/stats").status()).isEqualTo(403);

        var put = owner.put("/v1/secrets/" + org + "/app/dev", Map.of("key", "MASS", "value", "mass-canary", "accessCount", 5));
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.code()).isEqualTo("unknown_field");
        assertThat(put.body().get("detail").asText()).contains("accessCount").doesNotContain("mass-canary").doesNotContain("dev.hush");
        assertThat(owner.get("/v1/secrets/" + org + "/app/dev/keys?keys=MASS").body().get("secrets")).as("nothing was written").isEmpty();
        // The issue's own example: a mistyped field name is not dropped silently.
        var typo = owner.put("/v1/secrets/" + org + "/app/dev", Map.of("key", "TYPO", "value", "v", "tagz", List.of("backend")));
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.body().at("/errors/0/field").asText()).isEqualTo("tagz");

        var hook = owner.post("/v1/webhooks/" + orgId, Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("secret.created")));
        String hookId = hook.body().get("id").asText();
        var other = second.get("/v1/auth/me").body().at("/orgs/0/id").asText();
        var patched = owner.send("PATCH", "/v1/webhooks/" + orgId + "/" + hookId, Map.of("description", "d", "orgId", other));
        assertThat(patched.status()).isEqualTo(400);
        assertThat(patched.body().at("/errors/0/field").asText()).isEqualTo("orgId");
        assertThat(owner.get("/v1/webhooks/" + orgId + "/" + hookId).body().has("description")
                && "d".equals(owner.get("/v1/webhooks/" + orgId + "/" + hookId).body().get("description").asText())).as("not changed").isFalse();
        assertThat(second.get("/v1/webhooks/" + other).body().get("webhooks")).as("not moved to the other organization").isEmpty();
    }

    @Test
    void unreadableJson_isRefusedWithWhereAndWhat_neverEchoingTheBody() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, JsonNode> put = body -> {
            try {
                var r = client.send(java.net.http.HttpRequest.newBuilder(server.base.resolve("/v1/secrets/" + org + "/app/dev"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(400);
                assertThat(r.body()).doesNotContain("json-canary").doesNotContain("dev.hush").doesNotContain("Exception");
                return Api.JSON.readTree(r.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        JsonNode malformed = put.apply("{\"key\": \"K\",\n \"value\": \"json-canary\" \"tags\": []}");
        assertThat(malformed.get("code").asText()).isEqualTo("malformed_json");
        assertThat(malformed.get("detail").asText()).contains("line 2");
        JsonNode wrongType = put.apply("{\"key\": \"K\", \"value\": \"json-canary\", \"tags\": 7}");
        assertThat(wrongType.get("code").asText()).isEqualTo("invalid_field_type");
        // The field is named when the server still holds the body (it arrived with the headers); else the kinds of value say it.
        if (wrongType.has("errors") && !wrongType.get("errors").isEmpty()) {
            assertThat(wrongType.at("/errors/0/field").asText()).isEqualTo("tags");
        } else {
            assertThat(wrongType.get("detail").asText()).contains("a number where a list is expected");
        }
        assertThat(owner.get("/v1/secrets/" + org + "/app/dev/keys?keys=K").body().get("secrets")).isEmpty();
        // Inside a list of objects, the path names the element.
        var bulk = client.send(java.net.http.HttpRequest.newBuilder(server.base.resolve("/v1/secrets/" + org + "/app/dev/bulk"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"secrets\":[{\"key\":\"A\",\"value\":\"json-canary\"},{\"key\":\"B\",\"value\":{\"nested\":1}}]}"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(bulk.statusCode()).isEqualTo(400);
        JsonNode nested = Api.JSON.readTree(bulk.body());
        assertThat(nested.get("code").asText()).isEqualTo("invalid_field_type");
        if (nested.has("errors") && !nested.get("errors").isEmpty()) {
            assertThat(nested.at("/errors/0/field").asText()).isEqualTo("secrets[1].value");
        } else {
            assertThat(nested.get("detail").asText()).contains("an object where a string is expected");
        }
        assertThat(bulk.body()).doesNotContain("json-canary");
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
