package dev.hush.bootstrap.compat;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.LogCapture;
import dev.hush.bootstrap.support.Sodium;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.transaction.TransactionOperations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Poliglot Secret API over HTTP, with libsodium (not Hush's code) as the client: documented shapes,
 * both handshakes of GET .../value, five-minute server keys, personal values, the hourly read limit, and
 * no value in clear in the data dir or the logs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoliglotApiTest {
    static final String PROD_VALUE = "postgres://poliglot-prod:canary-5d1e@db/app";
    static final String SET_VALUE = "sk_live_poliglot_canary_77aa";
    static final String PERSONAL_VALUE = "personal-override-canary-93c0";

    Path dir;
    TestServer server;
    LogCapture logs;
    Api owner;
    Api admin;
    Api viewer;
    Api outsider;
    String org;
    String outsiderOrg;
    String prodId;
    String devId;
    Api ownerSession;
    String orgId;

    @BeforeAll
    void setUp() throws IOException {
        logs = new LogCapture();
        dir = Files.createTempDirectory("hush-poliglot");
        server = TestServer.start(dir.resolve("data"));
        ownerSession = session("owner@poliglot.test");
        org = ownerSession.get("/v1/auth/me").body().at("/orgs/0/slug").asText();
        orgId = ownerSession.get("/v1/auth/me").body().at("/orgs/0/id").asText();
        owner = bearer(ownerSession, orgId);
        admin = member(ownerSession, orgId, "admin@poliglot.test", "admin");
        viewer = member(ownerSession, orgId, "viewer@poliglot.test", "viewer");
        Api outsiderSession = session("outsider@poliglot.test");
        outsiderOrg = outsiderSession.get("/v1/auth/me").body().at("/orgs/0/slug").asText();
        outsider = bearer(outsiderSession, null);
        assertThat(owner.post("/v1/projects/" + orgId, Map.of("name", "Web", "slug", "web")).status()).isEqualTo(201);
        assertThat(owner.put("/v1/secrets/" + org + "/web/prod", Map.of("key", "DATABASE_URL", "value", PROD_VALUE,
                "description", "main database")).status()).isEqualTo(200);
        // The create-then-set flow: the secret is defined without a value, the value comes end-to-end encrypted.
        assertThat(owner.put("/v1/secrets/" + org + "/web/dev", Map.of("key", "STRIPE_KEY")).body().get("hasValue").asBoolean()).isFalse();
        prodId = idOf("prod", "DATABASE_URL");
        devId = idOf("dev", "STRIPE_KEY");
    }

    /** After every test: nothing in the data dir or the logs holds a value in clear. */
    @AfterAll
    void tearDown() throws IOException {
        try {
            if (server != null) {
                server.close();
            }
            try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    assertThat(content).as(f.toString()).doesNotContain(PROD_VALUE).doesNotContain(SET_VALUE).doesNotContain(PERSONAL_VALUE);
                }
            }
            assertThat(logs.all()).isNotEmpty().doesNotContain(PROD_VALUE).doesNotContain(SET_VALUE).doesNotContain(PERSONAL_VALUE);
        } finally {
            TestFiles.deleteTree(dir);
            logs.close();
        }
    }

    Api session(String email) {
        Api api = Api.withCookies(server.base).header("X-Requested-With", "hush");
        assertThat(api.post("/v1/auth/register", Map.of("email", email, "password", "password for " + email)).status()).isEqualTo(201);
        return api;
    }

    Api bearer(Api session, String orgId) {
        var body = orgId == null ? Map.<String, Object>of("name", "t") : Map.<String, Object>of("name", "t", "orgId", orgId);
        return Api.anonymous(server.base).withToken(session.post("/v1/auth/token", body).body().get("token").asText());
    }

    Api member(Api ownerSession, String orgId, String email, String role) {
        String invite = ownerSession.post("/v1/members/" + orgId + "/invite", Map.of("email", email, "role", role)).body().get("token").asText();
        Api s = session(email);
        assertThat(s.post("/v1/members/invite/" + invite + "/accept", null).status()).isEqualTo(200);
        return bearer(s, orgId);
    }

    String idOf(String env, String key) {
        for (JsonNode s : owner.get("/v1/secrets/" + org + "/web/" + env + "/keys").body().get("secrets")) {
            if (s.get("key").asText().equals(key)) {
                return s.get("id").asText();
            }
        }
        throw new AssertionError(key + " not listed");
    }

    String api(String path) { return "/api/v1/secrets/" + org + path; }

    JsonNode pubkey(Api as) {
        var r = as.post(api("/pubkey"), null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("success").asBoolean()).isTrue();
        return r.body().get("data");
    }

    /** PUT .../value as Poliglot's client does it: libsodium seals to a fresh server key. */
    Api.Res putValue(Api as, String secretId, String value, String scope) {
        JsonNode key = pubkey(as);
        Sodium.KeyPair client = Sodium.keyPair();
        Sodium.Sealed sealed = Sodium.seal(Sodium.sharedKey(client.secretKey(), key.get("serverPublicKey").asText()),
                value.getBytes(StandardCharsets.UTF_8));
        var body = new java.util.HashMap<String, Object>(Map.of("encryptedValue", sealed.ciphertextB64(), "nonce", sealed.nonceB64(),
                "clientPublicKey", client.publicB64(), "keyId", key.get("keyId").asText()));
        if (scope != null) {
            body.put("scope", scope);
        }
        return as.put(api("/" + secretId + "/value"), body);
    }

    /** GET .../value with the documented header; answers the value libsodium opens. */
    String readWithHeader(Api as, String secretId, String scopeQuery) {
        Sodium.KeyPair client = Sodium.keyPair();
        var r = as.header("X-Ephemeral-Pubkey", client.publicB64()).get(api("/" + secretId + "/value" + scopeQuery));
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
        return open(client, r.body());
    }

    static String open(Sodium.KeyPair client, JsonNode body) {
        assertThat(body.get("success").asBoolean()).isTrue();
        JsonNode data = body.get("data");
        assertThat(data.get("algorithm").asText()).isEqualTo("X25519-XChaCha20-Poly1305");
        assertThat(Base64.getDecoder().decode(data.get("nonce").asText())).hasSize(24);
        byte[] plain = Sodium.open(Sodium.sharedKey(client.secretKey(), data.get("serverPublicKey").asText()), data.get("nonce").asText(),
                data.get("encryptedValue").asText());
        assertThat(plain).as("libsodium opens the value").isNotNull();
        return new String(plain, StandardCharsets.UTF_8);
    }

    @Test
    void pubkey_hasTheDocumentedShape_andExpiresInFiveMinutes() {
        Instant before = Instant.now();
        JsonNode key = pubkey(viewer);
        assertThat(Base64.getDecoder().decode(key.get("serverPublicKey").asText())).hasSize(32);
        assertThat(key.get("keyId").asText()).isNotBlank();
        assertThat(key.get("algorithm").asText()).isEqualTo("X25519-XChaCha20-Poly1305");
        Instant expires = Instant.parse(key.get("expiresAt").asText());
        assertThat(expires).isBetween(before.plus(Duration.ofMinutes(5)).minusSeconds(2), Instant.now().plus(Duration.ofMinutes(5)));
        assertThat(pubkey(viewer).get("keyId").asText()).as("a fresh key each time").isNotEqualTo(key.get("keyId").asText());
        assertThat(outsider.post(api("/pubkey"), null).status()).isEqualTo(404);
        assertThat(Api.anonymous(server.base).post(api("/pubkey"), null).status()).isEqualTo(401);
    }

    @Test
    void setThenRead_roundTripsThroughLibsodium_inBothHandshakes() {
        assertThat(putValue(admin, devId, SET_VALUE, null).status()).isEqualTo(204);
        var meta = owner.get(api("/" + devId)).body();
        assertThat(meta.get("success").asBoolean()).isTrue();
        assertThat(meta.at("/data/id").asText()).isEqualTo(devId);
        assertThat(meta.at("/data/uri").asText()).isEqualTo("web/dev/STRIPE_KEY");
        assertThat(meta.at("/data/hasValue").asBoolean()).isTrue();
        assertThat(meta.toString()).doesNotContain(SET_VALUE);
        // The server stored the value it decrypted: the plain API agrees.
        assertThat(owner.get("/v1/secrets/" + org + "/web/dev?keys=STRIPE_KEY").body().at("/secrets/0/value").asText()).isEqualTo(SET_VALUE);

        assertThat(readWithHeader(owner, devId, "")).isEqualTo(SET_VALUE);

        // The query form Poliglot's CLI sends: the answer is encrypted with the server key of keyId.
        JsonNode key = pubkey(owner);
        Sodium.KeyPair client = Sodium.keyPair();
        var r = owner.get(api("/" + prodId + "/value?clientPublicKey=" + urlB64(client.publicB64()) + "&keyId=" + key.get("keyId").asText()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().at("/data/serverPublicKey").asText()).isEqualTo(key.get("serverPublicKey").asText());
        assertThat(open(client, r.body())).isEqualTo(PROD_VALUE);
    }

    static String urlB64(String b64) { return java.net.URLEncoder.encode(b64, StandardCharsets.UTF_8); }

    @Test
    void badHandshakes_andKeys_areRefusedWith400_andChangeNothing() {
        assertThat(owner.get(api("/" + prodId + "/value")).code()).isEqualTo("ephemeral_key_required");
        assertThat(owner.header("X-Ephemeral-Pubkey", Base64.getEncoder().encodeToString(new byte[31])).get(api("/" + prodId + "/value")).code())
                .isEqualTo("invalid_public_key");
        assertThat(owner.header("X-Ephemeral-Pubkey", "not base64!").get(api("/" + prodId + "/value")).status()).isEqualTo(400);
        assertThat(owner.header("X-Ephemeral-Pubkey", Base64.getEncoder().encodeToString(new byte[32])).get(api("/" + prodId + "/value")).code())
                .as("a low-order key").isEqualTo("invalid_public_key");
        String client = Sodium.keyPair().publicB64();
        assertThat(owner.get(api("/" + prodId + "/value?clientPublicKey=" + urlB64(client) + "&keyId=" + java.util.UUID.randomUUID())).code())
                .isEqualTo("unknown_key_id");

        // A key that expired: refused on read and on write.
        JsonNode key = pubkey(owner);
        expireKey(key.get("keyId").asText());
        var read = owner.get(api("/" + prodId + "/value?clientPublicKey=" + urlB64(client) + "&keyId=" + key.get("keyId").asText()));
        assertThat(read.status()).isEqualTo(400);
        assertThat(read.code()).isEqualTo("key_expired");
        Sodium.KeyPair c = Sodium.keyPair();
        Sodium.Sealed sealed = Sodium.seal(Sodium.sharedKey(c.secretKey(), key.get("serverPublicKey").asText()), "x".getBytes(StandardCharsets.UTF_8));
        var write = owner.put(api("/" + prodId + "/value"), Map.of("encryptedValue", sealed.ciphertextB64(), "nonce", sealed.nonceB64(),
                "clientPublicKey", c.publicB64(), "keyId", key.get("keyId").asText()));
        assertThat(write.code()).isEqualTo("key_expired");

        // Sealed to another key than the one named: 400, and the value is unchanged.
        JsonNode k1 = pubkey(owner);
        JsonNode k2 = pubkey(owner);
        Sodium.Sealed wrong = Sodium.seal(Sodium.sharedKey(c.secretKey(), k2.get("serverPublicKey").asText()), "tampered".getBytes(StandardCharsets.UTF_8));
        var bad = owner.put(api("/" + prodId + "/value"), Map.of("encryptedValue", wrong.ciphertextB64(), "nonce", wrong.nonceB64(),
                "clientPublicKey", c.publicB64(), "keyId", k1.get("keyId").asText()));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("decryption_failed");
        var missing = owner.put(api("/" + prodId + "/value"), Map.of("nonce", "AAAA"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("errors").toString()).contains("encryptedValue", "clientPublicKey", "keyId");
        assertThat(owner.get("/v1/secrets/" + org + "/web/prod?keys=DATABASE_URL").body().at("/secrets/0/value").asText()).isEqualTo(PROD_VALUE);
    }

    @Test
    void personalValues_areSeenOnlyByTheirOwner_andTakePrecedenceForThem() {
        assertThat(putValue(owner, prodId, PERSONAL_VALUE, "principal").status()).isEqualTo(204);
        assertThat(readWithHeader(owner, prodId, "")).isEqualTo(PERSONAL_VALUE);
        assertThat(readWithHeader(owner, prodId, "?scope=principal")).isEqualTo(PERSONAL_VALUE);
        assertThat(readWithHeader(owner, prodId, "?scope=workspace")).isEqualTo(PROD_VALUE);
        assertThat(readWithHeader(admin, prodId, "")).isEqualTo(PROD_VALUE);
        var none = admin.header("X-Ephemeral-Pubkey", Sodium.keyPair().publicB64()).get(api("/" + prodId + "/value?scope=principal"));
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.code()).isEqualTo("secret_value_not_found");
        assertThat(owner.get("/v1/secrets/" + org + "/web/prod?keys=DATABASE_URL").body().at("/secrets/0/value").asText())
                .as("the workspace value is untouched").isEqualTo(PROD_VALUE);
        assertThat(owner.header("X-Ephemeral-Pubkey", Sodium.keyPair().publicB64()).get(api("/" + prodId + "/value?scope=team")).status())
                .isEqualTo(400);
    }

    @Test
    void list_filtersByUriPrefix_pagesFromZero_andShowsAccessStatistics() throws InterruptedException {
        readWithHeader(owner, prodId, "?scope=workspace");
        // Access statistics are flushed every 100 ms in tests: wait until the read shows.
        for (int i = 0; i < 100 && owner.get(api("?prefix=web/prod/")).body().at("/data/0/accessCount").asLong() == 0; i++) {
            Thread.sleep(50);
        }
        var all = owner.get(api(""));
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().get("success").asBoolean()).isTrue();
        assertThat(all.body().get("data")).hasSize(2);
        var prod = owner.get(api("?prefix=web/prod/")).body().get("data");
        assertThat(prod).hasSize(1);
        JsonNode s = prod.get(0);
        assertThat(s.get("id").asText()).isEqualTo(prodId);
        assertThat(s.get("uri").asText()).isEqualTo("web/prod/DATABASE_URL");
        assertThat(s.get("description").asText()).isEqualTo("main database");
        assertThat(s.get("hasValue").asBoolean()).isTrue();
        assertThat(s.get("accessCount").asLong()).isPositive();
        assertThat(s.get("lastAccessedAt").isNull()).isFalse();
        assertThat(Instant.parse(s.get("createdAt").asText())).isBeforeOrEqualTo(Instant.parse(s.get("updatedAt").asText()));
        assertThat(s.has("matrix")).isTrue();
        assertThat(all.body().toString()).doesNotContain(PROD_VALUE);

        var page1 = owner.get(api("?page=1&size=1")).body();
        assertThat(page1.get("data")).hasSize(1);
        assertThat(page1.at("/page/totalElements").asInt()).isEqualTo(2);
        assertThat(page1.at("/page/totalPages").asInt()).isEqualTo(2);
        assertThat(owner.get(api("?page=5&size=1")).body().get("data")).isEmpty();
        assertThat(owner.get(api("?size=101")).status()).isEqualTo(400);
        assertThat(owner.get(api("?page=-1")).status()).isEqualTo(400);
    }

    @Test
    void otherWorkspaces_unknownSecrets_andLowerRoles_getTheDocumentedErrors() {
        assertThat(outsider.get(api("")).status()).isEqualTo(404);
        assertThat(outsider.get(api("/" + prodId)).code()).isEqualTo("organization_not_found");
        assertThat(owner.get("/api/v1/secrets/" + outsiderOrg).status()).as("someone else's workspace").isEqualTo(404);
        assertThat(owner.get("/api/v1/secrets/" + outsiderOrg + "/" + prodId).status()).isEqualTo(404);
        assertThat(owner.get(api("/" + java.util.UUID.randomUUID())).code()).isEqualTo("secret_not_found");
        assertThat(owner.get(api("/not-a-uuid")).code()).isEqualTo("secret_not_found");
        var v = viewer.header("X-Ephemeral-Pubkey", Sodium.keyPair().publicB64()).get(api("/" + prodId + "/value"));
        assertThat(v.status()).as("a viewer may not read prod values").isEqualTo(403);
        assertThat(viewer.get(api("/" + prodId)).status()).as("but sees metadata").isEqualTo(200);
        assertThat(putValue(viewer, devId, "nope", null).status()).isEqualTo(403);
    }

    @Test
    void theirOwnWorkspace_withThisWorkspacesSecretId_gets404_andChangesNothing() {
        String theirs = "/api/v1/secrets/" + outsiderOrg + "/" + prodId;
        assertThat(outsider.get(theirs).status()).isEqualTo(404);
        assertThat(outsider.header("X-Ephemeral-Pubkey", Sodium.keyPair().publicB64()).get(theirs + "/value").status()).isEqualTo(404);
        JsonNode key = outsider.post("/api/v1/secrets/" + outsiderOrg + "/pubkey", null).body().get("data");
        Sodium.KeyPair client = Sodium.keyPair();
        Sodium.Sealed sealed = Sodium.seal(Sodium.sharedKey(client.secretKey(), key.get("serverPublicKey").asText()),
                "outsider-overwrite".getBytes(StandardCharsets.UTF_8));
        var put = outsider.put(theirs + "/value", Map.of("encryptedValue", sealed.ciphertextB64(), "nonce", sealed.nonceB64(),
                "clientPublicKey", client.publicB64(), "keyId", key.get("keyId").asText(), "scope", "principal"));
        assertThat(put.status()).isEqualTo(404);
        assertThat(readWithHeader(owner, prodId, "?scope=workspace")).as("untouched").isEqualTo(PROD_VALUE);
        assertThat(owner.get(api("/" + prodId)).body().toString()).doesNotContain("outsider");
    }

    @Test
    void the101stValueReadWithinTheHour_gets429_withRetryAfter() {
        Api reader = member(ownerSession, orgId, "reader@poliglot.test", "admin");
        int ok = 0;
        for (int i = 0; i < 100; i++) {
            var r = reader.header("X-Ephemeral-Pubkey", Sodium.keyPair().publicB64()).get(api("/" + prodId + "/value?scope=workspace"));
            if (r.status() == 200) {
                ok++;
            }
        }
        assertThat(ok).isEqualTo(100);
        var limited = reader.header("X-Ephemeral-Pubkey", Sodium.keyPair().publicB64()).get(api("/" + prodId + "/value"));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(3500L, 3600L);
        assertThat(readWithHeader(admin, prodId, "?scope=workspace")).as("the limit is per user").isEqualTo(PROD_VALUE);
    }

    void expireKey(String keyId) {
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> tx = server.context.getBean(TransactionOperations.class);
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("UPDATE exchange_keys SET expires_at = ? WHERE id = ?")) {
                ps.setObject(1, OffsetDateTime.now().minusSeconds(1));
                ps.setObject(2, java.util.UUID.fromString(keyId));
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            return null;
        });
    }
}
