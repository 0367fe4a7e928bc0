package dev.hush.bootstrap.api.http;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.Sodium;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every route of the API, classified in one table, against every kind of caller: owner, admin,
 * developer, viewer of organization A; the owner of another organization; the platform admin (no member
 * of A); no credential; a revoked and an expired token; tokens scoped to another project, to the dev
 * environment only, and read-only. A route missing from the table fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {
    static final List<String> CALLERS = List.of("owner", "admin", "developer", "viewer", "outsider", "platformAdmin", "anonymous",
            "revoked", "expired", "otherProject", "devOnly", "readOnly");

    Path dir;
    TestServer server;
    final Map<String, Api> callers = new LinkedHashMap<>();
    final Map<String, String> userIds = new LinkedHashMap<>();
    String orgId;
    String org;
    final AtomicInteger seq = new AtomicInteger();

    /** One row of the table: a route, how to call it, and the status each caller gets. */
    record Row(String route, BiFunction<Api, Integer, Api.Res> call, Map<String, Integer> expected) {}

    final List<Row> table = new ArrayList<>();

    static Map<String, Integer> expect(int... statuses) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < CALLERS.size(); i++) {
            m.put(CALLERS.get(i), statuses[i]);
        }
        return m;
    }

    Api owner() { return callers.get("owner"); }

    String fresh(String prefix) { return prefix + seq.incrementAndGet(); }

    Api session(String email, String password) {
        Api api = Api.withCookies(server.base).header("X-Requested-With", "hush");
        var reg = api.post("/v1/auth/register", Map.of("email", email, "password", password));
        assertThat(reg.status()).isEqualTo(201);
        userIds.put(email, reg.body().at("/user/id").asText());
        return api;
    }

    String token(Api session, Map<String, Object> body) {
        var r = session.post("/v1/auth/token", body);
        assertThat(r.status()).isEqualTo(201);
        return r.body().get("token").asText();
    }

    Api bearer(String token) { return Api.anonymous(server.base).withToken(token); }

    @BeforeAll
    void setUp() throws Exception {
        dir = Files.createTempDirectory("hush-matrix");
        server = TestServer.start(dir.resolve("data"));
        Api platform = session("root@example.com", "platform admin password");
        Api owner = session("owner@example.com", "owner password 123");
        var me = owner.get("/v1/auth/me").body();
        orgId = me.at("/orgs/0/id").asText();
        org = me.at("/orgs/0/slug").asText();
        callers.put("owner", bearer(token(owner, Map.of("name", "owner"))));
        for (String role : List.of("admin", "developer", "viewer")) {
            String invite = owner.post("/v1/members/" + orgId + "/invite", Map.of("email", role + "@example.com", "role", role))
                    .body().get("token").asText();
            Api s = session(role + "@example.com", role + " password 123");
            assertThat(s.post("/v1/members/invite/" + invite + "/accept", null).status()).isEqualTo(200);
            callers.put(role, bearer(token(s, Map.of("name", role))));
        }
        Api outsider = session("outsider@example.org", "outsider password");
        callers.put("outsider", bearer(token(outsider, Map.of("name", "o"))));
        callers.put("platformAdmin", bearer(token(platform, Map.of("name", "p"))));
        callers.put("anonymous", Api.anonymous(server.base));
        String revoked = token(owner, Map.of("name", "revoked"));
        for (var t : owner.get("/v1/auth/tokens").body().get("tokens")) {
            if (t.get("name").asText().equals("revoked")) {
                assertThat(owner.delete("/v1/auth/tokens/" + t.get("id").asText()).status()).isEqualTo(204);
            }
        }
        callers.put("revoked", bearer(revoked));
        String expired = token(owner, Map.of("name", "expired", "expiresInDays", 1));
        expire("expired");
        callers.put("expired", bearer(expired));
        callers.put("otherProject", bearer(token(owner, Map.of("name", "op", "orgId", orgId, "projects", List.of("other")))));
        callers.put("devOnly", bearer(token(owner, Map.of("name", "dv", "orgId", orgId, "environments", List.of("dev")))));
        callers.put("readOnly", bearer(token(owner, Map.of("name", "ro", "orgId", orgId, "permissions", List.of("read")))));

        Api o = callers.get("owner");
        assertThat(o.post("/v1/projects/" + orgId, Map.of("name", "Web", "slug", "web")).status()).isEqualTo(201);
        assertThat(o.post("/v1/projects/" + orgId, Map.of("name", "Other", "slug", "other")).status()).isEqualTo(201);
        for (String env : List.of("dev", "staging", "prod")) {
            assertThat(o.put(sec(env), Map.of("key", "K", "value", env + "-v")).status()).isEqualTo(200);
        }
        clientPem = "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(CLIENT_KEY.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        assertThat(o.put(crate(""), cratePut("SETUP")).status()).isEqualTo(200);
        for (var s : o.get(sec("prod/keys")).body().get("secrets")) {
            prodSecretId = s.get("id").asText();
        }
        for (var s : o.get(sec("dev/keys")).body().get("secrets")) {
            if (s.get("key").asText().equals("K")) {
                devSecretId = s.get("id").asText();
            }
        }
        webhookId = freshWebhook();
        buildTable();
    }

    static final java.security.KeyPair CLIENT_KEY = rsa2048();
    String clientPem;
    String prodSecretId;
    String devSecretId;

    static java.security.KeyPair rsa2048() {
        try {
            var g = java.security.KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String crate(String path) { return "/organization/" + orgId + "/secrets" + path; }

    String poliglot(String path) { return "/api/v1/secrets/" + org + path; }

    /** A Crate PUT body, sealed (JDK RSA-OAEP-256 here: the interop tests use OpenSSL and WebCrypto) to the current org key. */
    Map<String, Object> cratePut(String name) {
        try {
            String pem = owner().get("/v1/orgs/" + orgId + "/public-key").body().get("publicKeyPem").asText();
            byte[] der = java.util.Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", ""));
            var key = java.security.KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.X509EncodedKeySpec(der));
            var c = javax.crypto.Cipher.getInstance("RSA/ECB/OAEPPadding");
            c.init(javax.crypto.Cipher.ENCRYPT_MODE, key, new javax.crypto.spec.OAEPParameterSpec("SHA-256", "MGF1",
                    java.security.spec.MGF1ParameterSpec.SHA256, javax.crypto.spec.PSource.PSpecified.DEFAULT));
            String sealed = java.util.Base64.getEncoder().encodeToString(c.doFinal("v".getBytes()));
            return Map.of("name", name, "environment", "dev", "encrypted_value", sealed, "sealed", true);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Poliglot PUT .../value body, sealed with libsodium to a fresh server key. */
    Map<String, Object> poliglotPut() {
        var key = owner().post(poliglot("/pubkey"), null).body().get("data");
        Sodium.KeyPair client = Sodium.keyPair();
        Sodium.Sealed sealed = Sodium.seal(Sodium.sharedKey(client.secretKey(), key.get("serverPublicKey").asText()), "p".getBytes());
        return Map.of("encryptedValue", sealed.ciphertextB64(), "nonce", sealed.nonceB64(), "clientPublicKey", client.publicB64(),
                "keyId", key.get("keyId").asText());
    }

    void expire(String tokenName) {
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> tx = server.context.getBean(TransactionOperations.class);
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("UPDATE api_tokens SET expires_at = ? WHERE name = ?")) {
                ps.setObject(1, OffsetDateTime.now().minusMinutes(1));
                ps.setString(2, tokenName);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            return null;
        });
    }

    @AfterAll
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
        TestFiles.deleteTree(dir);
    }

    String sec(String path) { return "/v1/secrets/" + org + "/web/" + path; }

    /** The problem code of a Connect error: its first detail, a google.rpc.ErrorInfo. */
    static String connectReason(Api.Res res) {
        try {
            return com.google.rpc.ErrorInfo.parseFrom(java.util.Base64.getDecoder().decode(res.body().at("/details/0/value").asText())).getReason();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    /** An {@code EnvRef} of the Connect API's JSON. */
    Map<String, String> connectEnv(String environment) { return Map.of("org", org, "project", "web", "environment", environment); }

    void row(String route, BiFunction<Api, Integer, Api.Res> call, Map<String, Integer> expected) {
        table.add(new Row(route, call, expected));
    }

    void buildTable() {
        //                                                              own  adm  dev  view out  pa   anon rev  exp  othP devE  ro
        row("GET /v1/auth/me", (a, i) -> a.get("/v1/auth/me"), expect(200, 200, 200, 200, 200, 200, 401, 401, 401, 200, 200, 200));
        row("POST /v1/auth/token", (a, i) -> a.post("/v1/auth/token", Map.of("name", "x")),
                expect(403, 403, 403, 403, 403, 403, 401, 401, 401, 403, 403, 403));
        row("POST /v1/auth/change-password", (a, i) -> a.post("/v1/auth/change-password", Map.of("currentPassword", "not it", "newPassword", "x".repeat(12))),
                expect(403, 403, 403, 403, 403, 403, 401, 401, 401, 403, 403, 403));
        row("POST /v1/auth/send-verification", (a, i) -> a.post("/v1/auth/send-verification", null),
                expect(202, 202, 202, 202, 202, 202, 401, 401, 401, 202, 202, 202));
        row("POST /v1/auth/cli-auth/approve", (a, i) -> a.post("/v1/auth/cli-auth/approve", Map.of("userCode", "NONE-NONE")),
                expect(403, 403, 403, 403, 403, 403, 401, 401, 401, 403, 403, 403));
        row("GET /v1/auth/tokens", (a, i) -> a.get("/v1/auth/tokens"), expect(200, 200, 200, 200, 200, 200, 401, 401, 401, 200, 200, 200));
        row("DELETE /v1/auth/tokens/{tokenId}", (a, i) -> a.delete("/v1/auth/tokens/" + UUID.randomUUID()),
                expect(403, 403, 403, 403, 403, 403, 401, 401, 401, 403, 403, 403));
        row("POST /v1/auth/logout", (a, i) -> a.post("/v1/auth/logout", null), expect(204, 204, 204, 204, 204, 204, 401, 401, 401, 204, 204, 204));
        row("POST /v1/orgs", (a, i) -> a.post("/v1/orgs", Map.of("name", "New", "slug", fresh("new-org-"))),
                expect(201, 201, 201, 201, 201, 201, 401, 401, 401, 403, 403, 403));
        row("PATCH /v1/orgs/{orgId}", (a, i) -> a.send("PATCH", "/v1/orgs/" + orgId, Map.of("name", "Owner's org")),
                expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 403, 403, 403));
        row("DELETE /v1/orgs/{orgId}", (a, i) -> a.delete("/v1/orgs/" + owner().post("/v1/orgs", Map.of("name", "Doomed", "slug", fresh("doomed-")))
                .body().get("id").asText()), expect(204, 404, 404, 404, 404, 404, 401, 401, 401, 404, 404, 404));
        row("GET /v1/members/{orgId}", (a, i) -> a.get("/v1/members/" + orgId), expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 200, 200, 403));
        row("POST /v1/members/{orgId}/invite", (a, i) -> a.post("/v1/members/" + orgId + "/invite",
                Map.of("email", fresh("invitee") + "@example.com", "role", "viewer")), expect(201, 201, 403, 403, 404, 404, 401, 401, 401, 403, 403, 403));
        row("POST /v1/members/invite/{token}/accept", (a, i) -> a.post("/v1/members/invite/" + "x".repeat(43) + "/accept", null),
                expect(404, 404, 404, 404, 404, 404, 401, 401, 401, 404, 404, 404));
        row("PATCH /v1/members/{orgId}/{memberId}", (a, i) -> a.send("PATCH", "/v1/members/" + orgId + "/" + userIds.get("viewer@example.com"),
                Map.of("role", "viewer")), expect(204, 403, 403, 403, 404, 404, 401, 401, 401, 403, 403, 403));
        row("DELETE /v1/members/{orgId}/{memberId}", (a, i) -> a.delete("/v1/members/" + orgId + "/" + freshMember()),
                expect(204, 204, 403, 403, 404, 404, 401, 401, 401, 403, 403, 403));
        row("DELETE /v1/members/{orgId}/invites/{inviteId}", (a, i) -> a.delete("/v1/members/" + orgId + "/invites/" + freshInvite()),
                expect(204, 204, 403, 403, 404, 404, 401, 401, 401, 403, 403, 403));
        row("GET /v1/audit/{orgId}", (a, i) -> a.get("/v1/audit/" + orgId), expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 200, 200, 403));
        row("GET /v1/audit/{orgId}/verify", (a, i) -> a.get("/v1/audit/" + orgId + "/verify"),
                expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 200, 200, 403));
        String tpl = "/v1/templates/" + org + "/web";
        row("GET /v1/templates/{org}/{project}", (a, i) -> a.get(tpl), expect(200, 200, 200, 200, 404, 404, 401, 401, 401, 404, 200, 200));
        row("POST /v1/templates/{org}/{project}", (a, i) -> a.post(tpl, Map.of("key", fresh("REQ_"))),
                expect(201, 201, 403, 403, 404, 404, 401, 401, 401, 404, 403, 403));
        row("DELETE /v1/templates/{org}/{project}/{key}", (a, i) -> a.delete(tpl + "/" + freshTemplateKey()),
                expect(204, 204, 403, 403, 404, 404, 401, 401, 401, 404, 403, 403));
        row("GET /v1/templates/{org}/{project}/validate/{env}", (a, i) -> a.get(tpl + "/validate/prod"),
                expect(200, 200, 200, 200, 404, 404, 401, 401, 401, 404, 404, 200));
        row("GET /v1/projects/{orgId}", (a, i) -> a.get("/v1/projects/" + orgId), expect(200, 200, 200, 200, 404, 404, 401, 401, 401, 200, 200, 200));
        row("POST /v1/projects/{orgId}", (a, i) -> a.post("/v1/projects/" + orgId, Map.of("name", "P", "slug", fresh("p-"))),
                expect(201, 201, 403, 403, 404, 404, 401, 401, 401, 403, 403, 403));
        row("GET /v1/projects/{orgId}/{slug}", (a, i) -> a.get("/v1/projects/" + orgId + "/web"),
                expect(200, 200, 200, 200, 404, 404, 401, 401, 401, 404, 200, 200));
        row("DELETE /v1/projects/{orgId}/{slug}", (a, i) -> a.delete("/v1/projects/" + orgId + "/" + freshProject()),
                expect(204, 403, 403, 403, 404, 404, 401, 401, 401, 404, 403, 403));
        row("POST /v1/projects/{orgId}/{slug}/environments", (a, i) -> a.post("/v1/projects/" + orgId + "/web/environments",
                Map.of("slug", fresh("env-"), "readLevel", "prod")), expect(201, 201, 403, 403, 404, 404, 401, 401, 401, 404, 403, 403));
        row("PUT /v1/secrets/{org}/{project}/{env}", (a, i) -> a.put(sec("prod"), Map.of("key", "W" + i, "value", "v")),
                expect(200, 200, 200, 403, 404, 404, 401, 401, 401, 404, 404, 403));
        row("POST /v1/secrets/{org}/{project}/{env}/versions/{key}/restore", (a, i) -> a.post(sec("prod/versions/K/restore"), Map.of("version", 1)),
                expect(200, 200, 200, 403, 404, 404, 401, 401, 401, 404, 404, 403));
        row("PUT dev /v1/secrets/{org}/{project}/{env}", (a, i) -> a.put(sec("dev"), Map.of("key", "W" + i, "value", "v")),
                expect(200, 200, 200, 403, 404, 404, 401, 401, 401, 404, 200, 403));
        row("GET /v1/secrets/{org}/{project}/{env}", (a, i) -> a.get(sec("prod")), expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 404, 404, 200));
        row("GET staging /v1/secrets/{org}/{project}/{env}", (a, i) -> a.get(sec("staging")),
                expect(200, 200, 200, 403, 404, 404, 401, 401, 401, 404, 404, 200));
        row("GET dev /v1/secrets/{org}/{project}/{env}", (a, i) -> a.get(sec("dev")), expect(200, 200, 200, 200, 404, 404, 401, 401, 401, 404, 200, 200));
        row("GET preview /v1/secrets/{org}/{project}/{env}", (a, i) -> a.get(sec("prod?mode=preview")),
                expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 404, 404, 200));
        row("GET /v1/secrets/{org}/{project}/{env}/keys", (a, i) -> a.get(sec("prod/keys")),
                expect(200, 200, 200, 200, 404, 404, 401, 401, 401, 404, 404, 200));
        // The Connect protocol (and gRPC behind it) calls the same use cases: the same statuses, as Connect maps its codes.
        row("POST PullSecrets prod /hush.v1.SecretsService/{method}", (a, i) -> a.post("/hush.v1.SecretsService/PullSecrets", Map.of("env", connectEnv("prod"))),
                expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 404, 404, 200));
        row("POST ListKeys prod /hush.v1.SecretsService/{method}", (a, i) -> a.post("/hush.v1.SecretsService/ListKeys", Map.of("env", connectEnv("prod"))),
                expect(200, 200, 200, 200, 404, 404, 401, 401, 401, 404, 404, 200));
        row("POST SetSecret dev /hush.v1.SecretsService/{method}", (a, i) -> a.post("/hush.v1.SecretsService/SetSecret",
                Map.of("env", connectEnv("dev"), "key", "C" + i, "plain", "v")), expect(200, 200, 200, 403, 404, 404, 401, 401, 401, 404, 200, 403));
        row("GET /v1/secrets/{org}/{project}/{env}/versions/{key}", (a, i) -> a.get(sec("prod/versions/K")),
                expect(200, 200, 200, 200, 404, 404, 401, 401, 401, 404, 404, 200));
        row("GET reveal /v1/secrets/{org}/{project}/{env}/versions/{key}", (a, i) -> a.get(sec("prod/versions/K?reveal=true")),
                expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 404, 404, 200));
        row("POST /v1/secrets/{org}/{project}/{env}/bulk", (a, i) -> a.post(sec("dev/bulk"), Map.of("secrets", List.of(Map.of("key", "B" + i, "value", "b")))),
                expect(200, 200, 200, 403, 404, 404, 401, 401, 401, 404, 200, 403));
        row("POST /v1/secrets/{org}/{project}/promote", (a, i) -> a.post("/v1/secrets/" + org + "/web/promote", Map.of("from", "dev", "to", "staging", "keys", List.of("K"))),
                expect(200, 200, 200, 403, 404, 404, 401, 401, 401, 404, 404, 403));
        // Comparing values is a read of both environments.
        row("GET /v1/secrets/{org}/{project}/diff", (a, i) -> a.get("/v1/secrets/" + org + "/web/diff?from=dev&to=prod"),
                expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 404, 404, 200));
        row("GET dev-staging /v1/secrets/{org}/{project}/diff", (a, i) -> a.get("/v1/secrets/" + org + "/web/diff?from=dev&to=staging"),
                expect(200, 200, 200, 403, 404, 404, 401, 401, 401, 404, 404, 200));
        row("POST /v1/secrets/{org}/{project}/{env}/bulk-delete", (a, i) -> a.post(sec("dev/bulk-delete"), Map.of("keys", List.of(freshSecret()))),
                expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 404, 200, 403));
        row("DELETE /v1/secrets/{org}/{project}/{env}/{key}", (a, i) -> a.delete(sec("dev/" + freshSecret())),
                expect(204, 204, 204, 403, 404, 404, 401, 401, 401, 404, 204, 403));
        row("POST /v1/secrets/{org}/{project}/{env}/retrieve", (a, i) -> a.post(sec("prod/retrieve"), Map.of("publicKeyPem", clientPem)),
                expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 404, 404, 200));
        row("POST dev /v1/secrets/{org}/{project}/{env}/retrieve", (a, i) -> a.post(sec("dev/retrieve"), Map.of("publicKeyPem", clientPem)),
                expect(200, 200, 200, 200, 404, 404, 401, 401, 401, 404, 200, 200));
        row("GET /v1/orgs/{orgId}/public-key", (a, i) -> a.get("/v1/orgs/" + orgId + "/public-key"),
                expect(200, 200, 200, 200, 404, 404, 401, 401, 401, 200, 200, 200));
        // The other RPCs over Connect, each with its REST route's statuses (a Connect answer is 200 where REST says 204).
        // WatchEnvironment streams: its refusals are ConnectProtocolTest's and SecretEventsSseTest's.
        String rpc = "/hush.v1.SecretsService/";
        row("POST ListVersions prod " + rpc + "{method}", (a, i) -> a.post(rpc + "ListVersions", Map.of("env", connectEnv("prod"), "key", "K")),
                expect(200, 200, 200, 200, 404, 404, 401, 401, 401, 404, 404, 200));
        row("POST ListVersions reveal prod " + rpc + "{method}", (a, i) -> a.post(rpc + "ListVersions",
                Map.of("env", connectEnv("prod"), "key", "K", "reveal", true)), expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 404, 404, 200));
        row("POST BulkSetSecrets dev " + rpc + "{method}", (a, i) -> a.post(rpc + "BulkSetSecrets",
                Map.of("env", connectEnv("dev"), "secrets", List.of(Map.of("key", "CB" + i, "plain", "b")))),
                expect(200, 200, 200, 403, 404, 404, 401, 401, 401, 404, 200, 403));
        row("POST PromoteSecrets " + rpc + "{method}", (a, i) -> a.post(rpc + "PromoteSecrets",
                Map.of("org", org, "project", "web", "fromEnvironment", "dev", "toEnvironment", "staging", "keys", List.of("K"))),
                expect(200, 200, 200, 403, 404, 404, 401, 401, 401, 404, 404, 403));
        row("POST DeleteSecret dev " + rpc + "{method}", (a, i) -> a.post(rpc + "DeleteSecret", Map.of("env", connectEnv("dev"), "key", freshSecret())),
                expect(200, 200, 200, 403, 404, 404, 401, 401, 401, 404, 200, 403));
        row("POST RetrieveSealed prod " + rpc + "{method}", (a, i) -> a.post(rpc + "RetrieveSealed", Map.of("env", connectEnv("prod"), "publicKeyPem", clientPem)),
                expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 404, 404, 200));
        row("POST GetPublicKey " + rpc + "{method}", (a, i) -> a.post(rpc + "GetPublicKey", Map.of("org", org)),
                expect(200, 200, 200, 200, 404, 404, 401, 401, 401, 200, 200, 200));
        row("POST /v1/orgs/{orgId}/public-key/rotate", (a, i) -> a.post("/v1/orgs/" + orgId + "/public-key/rotate", null),
                expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 403, 403, 403));
        row("POST /v1/projects/{orgId}/{slug}/rotate-key", (a, i) -> a.post("/v1/projects/" + orgId + "/" + freshProject() + "/rotate-key", null),
                expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 404, 403, 403));
        row("POST /v1/admin/kms/rotate", (a, i) -> a.post("/v1/admin/kms/rotate", null),
                expect(403, 403, 403, 403, 403, 200, 401, 401, 401, 403, 403, 403));
        for (String adminRoute : List.of("/v1/admin/stats", "/v1/admin/orgs", "/v1/admin/plans", "/v1/admin/metrics/summary")) {
            row("GET " + adminRoute, (a, i) -> a.get(adminRoute), expect(403, 403, 403, 403, 403, 200, 401, 401, 401, 403, 403, 403));
        }
        row("GET /v1/admin/orgs/{orgId}", (a, i) -> a.get("/v1/admin/orgs/" + orgId), expect(403, 403, 403, 403, 403, 200, 401, 401, 401, 403, 403, 403));
        row("PATCH /v1/admin/orgs/{orgId}", (a, i) -> a.send("PATCH", "/v1/admin/orgs/" + orgId, Map.of()),
                expect(403, 403, 403, 403, 403, 200, 401, 401, 401, 403, 403, 403));
        row("PUT /v1/admin/plans/{planName}", (a, i) -> a.put("/v1/admin/plans/enterprise", Map.of("limits", Map.of())),
                expect(403, 403, 403, 403, 403, 200, 401, 401, 401, 403, 403, 403));
        // Org-wide: the project-scoped, dev-only and read-only tokens of the owner get 403 (red-team finding 9).
        row("GET /v1/billing/{orgId}", (a, i) -> a.get("/v1/billing/" + orgId), expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 403, 403, 403));
        // Self-hosted (no billing): owners and admins get 409 billing_not_enabled, the others what they get everywhere.
        row("POST /v1/billing/{orgId}/checkout", (a, i) -> a.post("/v1/billing/" + orgId + "/checkout", Map.of("plan", "pro")),
                expect(409, 409, 403, 403, 404, 404, 401, 401, 401, 403, 403, 403));
        row("POST /v1/billing/{orgId}/portal", (a, i) -> a.post("/v1/billing/" + orgId + "/portal", Map.of()),
                expect(409, 409, 403, 403, 404, 404, 401, 401, 401, 403, 403, 403));
        row("POST /v1/billing/webhook", (a, i) -> a.post("/v1/billing/webhook", Map.of("id", "evt")),
                expect(404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404));
        // Webhooks: members read, owners and admins change. The target is a public address that nothing here can reach.
        String hooks = "/v1/webhooks/" + orgId;
        row("GET /v1/webhooks/{orgId}", (a, i) -> a.get(hooks), expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 200, 200, 200));
        row("POST /v1/webhooks/{orgId}", (a, i) -> a.post(hooks, Map.of("url", HOOK_URL, "events", List.of("secret.promoted"))),
                expect(201, 201, 403, 403, 404, 404, 401, 401, 401, 403, 403, 403));
        row("GET /v1/webhooks/{orgId}/{id}", (a, i) -> a.get(hooks + "/" + webhookId), expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 200, 200, 200));
        row("PATCH /v1/webhooks/{orgId}/{id}", (a, i) -> a.send("PATCH", hooks + "/" + webhookId, Map.of("description", "d" + i)),
                expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 403, 403, 403));
        row("DELETE /v1/webhooks/{orgId}/{id}", (a, i) -> a.delete(hooks + "/" + freshWebhook()), expect(204, 204, 403, 403, 404, 404, 401, 401, 401, 403, 403, 403));
        row("POST /v1/webhooks/{orgId}/{id}/rotate-secret", (a, i) -> a.post(hooks + "/" + webhookId + "/rotate-secret", null),
                expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 403, 403, 403));
        row("POST /v1/webhooks/{orgId}/{id}/test", (a, i) -> a.post(hooks + "/" + webhookId + "/test", null),
                expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 403, 403, 403));
        row("POST /v1/webhooks/{orgId}/{id}/deliveries/{deliveryId}/redeliver", (a, i) -> a.post(hooks + "/" + webhookId + "/deliveries/"
                + UUID.randomUUID() + "/redeliver", null), expect(404, 404, 403, 403, 404, 404, 401, 401, 401, 403, 403, 403));
        // Crate Secrets API: organization admins only; its secrets live in the "default" project.
        // Public by design: health for load balancers, Prometheus text for scrapers (no ids or values; keep it internal or turn it off).
        row("GET /health", (a, i) -> a.get("/health"), expect(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));
        row("GET /health/{selector}", (a, i) -> a.get("/health/liveness"), expect(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));
        row("GET /metrics", (a, i) -> a.get("/metrics"), expect(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));
        row("PUT /organization/{id}/secrets", (a, i) -> a.put(crate(""), cratePut("C" + i)),
                expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 404, 200, 403));
        row("GET /organization/{id}/secrets", (a, i) -> a.get(crate("?env=dev")),
                expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 404, 200, 200));
        row("GET /organization/{id}/secrets/public-key", (a, i) -> a.get(crate("/public-key")),
                expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 200, 200, 200));
        row("POST /organization/{id}/secrets/retrieve", (a, i) -> a.post(crate("/retrieve"), Map.of("environment", "dev", "public_key_pem", clientPem)),
                expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 404, 200, 200));
        row("DELETE /organization/{id}/secrets/{name}", (a, i) -> a.delete(crate("/" + freshCrateSecret() + "?env=dev")),
                expect(204, 204, 403, 403, 404, 404, 401, 401, 401, 404, 204, 403));
        // Poliglot Secret API: workspace = organization slug.
        row("POST /api/v1/secrets/{workspace}/pubkey", (a, i) -> a.post(poliglot("/pubkey"), null),
                expect(200, 200, 200, 200, 404, 404, 401, 401, 401, 200, 200, 200));
        row("GET /api/v1/secrets/{workspace}", (a, i) -> a.get(poliglot("")),
                expect(200, 200, 200, 200, 404, 404, 401, 401, 401, 200, 200, 200));
        row("GET /api/v1/secrets/{workspace}/{secretId}", (a, i) -> a.get(poliglot("/" + prodSecretId)),
                expect(200, 200, 200, 200, 404, 404, 401, 401, 401, 404, 404, 200));
        row("GET /api/v1/secrets/{workspace}/{secretId}/value", (a, i) -> a.header("X-Ephemeral-Pubkey", Sodium.keyPair().publicB64())
                .get(poliglot("/" + prodSecretId + "/value")), expect(200, 200, 403, 403, 404, 404, 401, 401, 401, 404, 404, 200));
        row("GET dev /api/v1/secrets/{workspace}/{secretId}/value", (a, i) -> a.header("X-Ephemeral-Pubkey", Sodium.keyPair().publicB64())
                .get(poliglot("/" + devSecretId + "/value")), expect(200, 200, 200, 200, 404, 404, 401, 401, 401, 404, 200, 200));
        row("PUT /api/v1/secrets/{workspace}/{secretId}/value", (a, i) -> a.put(poliglot("/" + devSecretId + "/value"), poliglotPut()),
                expect(204, 204, 204, 403, 404, 404, 401, 401, 401, 404, 204, 403));
    }

    static final String HOOK_URL = "https://93.184.216.34:1/hook";
    String webhookId;

    String freshWebhook() {
        var r = owner().post("/v1/webhooks/" + orgId, Map.of("url", HOOK_URL, "events", List.of("secret.promoted")));
        assertThat(r.status()).isEqualTo(201);
        return r.body().get("id").asText();
    }

    String freshCrateSecret() {
        String name = fresh("CDEL_");
        assertThat(owner().put(crate(""), cratePut(name)).status()).isEqualTo(200);
        return name;
    }

    String freshProject() {
        String slug = fresh("del-");
        assertThat(owner().post("/v1/projects/" + orgId, Map.of("name", "Del", "slug", slug)).status()).isEqualTo(201);
        return slug;
    }

    String freshTemplateKey() {
        String key = fresh("TPL_");
        assertThat(owner().post("/v1/templates/" + org + "/web", Map.of("key", key)).status()).isEqualTo(201);
        return key;
    }

    String freshSecret() {
        String key = fresh("DEL_");
        assertThat(owner().put(sec("dev"), Map.of("key", key, "value", "x")).status()).isEqualTo(200);
        return key;
    }

    /** A pending invitation (to be a developer) sent by the owner; its id. */
    String freshInvite() {
        Api owner = Api.withCookies(server.base).header("X-Requested-With", "hush");
        owner.post("/v1/auth/login", Map.of("email", "owner@example.com", "password", "owner password 123"));
        return owner.post("/v1/members/" + orgId + "/invite", Map.of("email", fresh("pending") + "@example.com", "role", "developer"))
                .body().get("inviteId").asText();
    }

    String freshMember() {
        String email = fresh("member") + "@example.com";
        Api owner = Api.withCookies(server.base).header("X-Requested-With", "hush");
        owner.post("/v1/auth/login", Map.of("email", "owner@example.com", "password", "owner password 123"));
        String invite = owner.post("/v1/members/" + orgId + "/invite", Map.of("email", email, "role", "developer")).body().get("token").asText();
        Api member = Api.withCookies(server.base).header("X-Requested-With", "hush");
        member.post("/v1/auth/register", Map.of("email", email, "password", "member password"));
        assertThat(member.post("/v1/members/invite/" + invite + "/accept", null).status()).isEqualTo(200);
        return member.get("/v1/auth/me").body().at("/user/id").asText();
    }

    /**
     * Every answer of the table (every route, every caller, success and refusal) is one the OpenAPI document declares:
     * its status, and its body valid against the declared schema (issue 16).
     */
    @Test
    void everyRoute_everyCaller_getsExactlyTheExpectedStatus_andAnAnswerTheOpenApiDocumentDeclares() {
        List<String> mismatches = new ArrayList<>();
        List<String> undeclared = new ArrayList<>();
        dev.hush.bootstrap.support.OpenApiContract contract = new dev.hush.bootstrap.support.OpenApiContract(
                Api.anonymous(server.base).get("/v1/openapi.json").body());
        int i = 0;
        for (Row row : table) {
            for (String caller : CALLERS) {
                var res = row.call().apply(callers.get(caller), i++);
                int want = row.expected().get(caller);
                if (res.status() != want) {
                    mismatches.add(row.route() + " as " + caller + ": expected " + want + ", got " + res.status() + " " + res.code());
                }
                // Connect answers its own error format, the problem's code in an ErrorInfo detail.
                boolean connect = row.route().endsWith("/hush.v1.SecretsService/{method}");
                if (!connect) {
                    String[] words = row.route().split(" ");
                    contract.check(words[0], words[words.length - 1], res).ifPresent(problem -> undeclared.add(problem + " (as " + caller + ")"));
                }
                if (res.status() >= 400) {
                    assertThat(res.raw().headers().firstValue("content-type").orElse("")).as(row.route() + " as " + caller)
                            .startsWith(connect ? "application/json" : "application/problem+json");
                }
                if (res.status() == 404 && (caller.equals("outsider") || caller.equals("platformAdmin"))) {
                    // No hint that the resource exists: the same body as for a made-up organization.
                    assertThat(connect ? connectReason(res) : res.code()).isIn("organization_not_found", "invite_not_found", "billing_not_enabled");
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(undeclared).isEmpty();
    }

    @Test
    void everyServedRoute_isClassified() {
        Set<String> classified = new TreeSet<>();
        for (Row row : table) {
            String[] words = row.route().split(" ");
            classified.add(words[0] + " " + words[words.length - 1]); // "GET staging /v1/..." classifies "GET /v1/..."
        }
        classified.add("POST /v1/auth/register");
        classified.add("POST /v1/auth/login");
        classified.add("POST /v1/auth/forgot-password");
        classified.add("POST /v1/auth/reset-password");
        classified.add("POST /v1/auth/verify-email");
        classified.add("POST /v1/auth/cli-auth");
        classified.add("POST /v1/auth/cli-auth/token");
        classified.add("GET /v1/openapi.json");
        // A stream that stays open: refused callers (no token, another organization, a missing environment) are
        // SecretEventsSseTest's, and the stream checks access again on every poll.
        classified.add("GET /v1/secrets/{org}/{project}/{env}/events");
        // The dashboard's pages take the session cookie, not a bearer token: their matrix is DashboardAccessTest's.
        classified.addAll(dev.hush.bootstrap.dashboard.DashboardAccessTest.ROUTES);
        Set<String> served = new TreeSet<>();
        server.context.getBean(Router.class).uriRoutes().map(r -> (UriRouteInfo<?, ?>) r)
                .filter(r -> !"HEAD".equals(r.getHttpMethodName()))
                .forEach(r -> served.add(r.getHttpMethodName() + " " + r.getUriMatchTemplate()));
        assertThat(classified).containsAll(served);
    }
}
