package dev.hush.bootstrap.api.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.Sodium;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;
import io.micronaut.transaction.TransactionOperations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sealed writes in the X25519 form over HTTP, sealed by libsodium (no Hush code, not the JDK's nor Bouncy
 * Castle's X25519 or AES-GCM): the organization's X25519 key is published with its RSA key, a value sealed to
 * it for one secret is stored, the same value offered to another key, environment, project or organization,
 * tampered with, or sealed to another organization's key, is a 400 problem and stores nothing. Values
 * contain "canary"; none is in the data dir in clear afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class X25519SealedWriteTest {
    Path dir;
    TestServer server;
    Api owner;
    Api viewer;
    String org;
    String orgId;
    Api outsider;
    String outsiderOrgId;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("hush-x25519-writes");
        server = TestServer.start(dir.resolve("data"));
        Api ownerSession = session("owner@x25519.test");
        var me = ownerSession.get("/v1/auth/me").body();
        orgId = me.at("/orgs/0/id").asText();
        org = me.at("/orgs/0/slug").asText();
        owner = bearer(ownerSession);
        String invite = ownerSession.post("/v1/members/" + orgId + "/invite", Map.of("email", "viewer@x25519.test", "role", "viewer"))
                .body().get("token").asText();
        Api viewerSession = session("viewer@x25519.test");
        assertThat(viewerSession.post("/v1/members/invite/" + invite + "/accept", null).status()).isEqualTo(200);
        viewer = bearer(viewerSession);
        assertThat(owner.post("/v1/projects/" + orgId, Map.of("name", "Web", "slug", "web")).status()).isEqualTo(201);
        assertThat(owner.post("/v1/projects/" + orgId, Map.of("name", "Api", "slug", "api")).status()).isEqualTo(201);
        Api outsiderSession = session("outsider@x25519.test");
        outsiderOrgId = outsiderSession.get("/v1/auth/me").body().at("/orgs/0/id").asText();
        outsider = bearer(outsiderSession);
    }

    @AfterAll
    void stop() throws IOException {
        TestFiles.stopAndSweep(server, dir, "canary");
    }

    @Test
    void publicKey_publishesTheX25519Key_andAValueSealedToItByLibsodium_isStored() {
        JsonNode pk = owner.get("/v1/orgs/" + orgId + "/public-key").body();
        assertThat(pk.get("x25519Algorithm").asText()).isEqualTo("X25519-SHA256-A256GCM");
        assertThat(pk.get("orgId").asText()).isEqualTo(orgId);
        assertThat(Base64.getDecoder().decode(pk.get("x25519PublicKey").asText())).hasSize(32);
        assertThat(pk.get("publicKeyPem").asText()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(viewer.get("/v1/orgs/" + org + "/public-key").body().get("x25519PublicKey")).as("any member, by slug too").isEqualTo(pk.get("x25519PublicKey"));

        String longValue = "x25519-canary-" + "é".repeat(20_000);
        var r = owner.put(env("web", "dev"), body("DB_URL", sealed("web", "dev", "DB_URL", longValue), Map.of("tags", List.of("db"))));
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
        assertThat(r.body().get("version").asInt()).isEqualTo(1);
        assertThat(r.body().get("created").asBoolean()).isTrue();
        assertThat(r.body().toString()).doesNotContain("canary");
        var again = owner.put(env("web", "dev"), body("DB_URL", sealed("web", "dev", "DB_URL", longValue), Map.of()));
        assertThat(again.body().get("changed").asBoolean()).as("the same value, sealed afresh").isFalse();

        JsonNode pulled = owner.get(env("web", "dev") + "?keys=DB_URL").body().at("/secrets/0");
        assertThat(pulled.get("value").asText()).isEqualTo(longValue);
        assertThat(pulled.get("tags").get(0).asText()).isEqualTo("db");
        assertThat(owner.get("/v1/audit/" + orgId).body().toString()).contains("secret.created").doesNotContain("canary");
    }

    @Test
    void put_sealedForAnotherPlaceOrKey_orTampered_is400ProblemJson_andStoresNothing() {
        String x25519 = orgX25519();
        String outsiderKey = outsider.get("/v1/orgs/" + outsiderOrgId + "/public-key").body().get("x25519PublicKey").asText();
        assertThat(outsiderKey).isNotEqualTo(x25519);
        Sodium.HushSealed good = sealed("web", "staging", "API_KEY", "refused-canary");
        byte[] flipped = Base64.getDecoder().decode(good.encryptedValueB64());
        flipped[20] ^= 1;
        Map<String, Sodium.HushSealed> refused = new java.util.LinkedHashMap<>();
        refused.put("another key", sealed("web", "staging", "OTHER_KEY", "refused-canary"));
        refused.put("another environment", sealed("web", "prod", "API_KEY", "refused-canary"));
        refused.put("another project", sealed("api", "staging", "API_KEY", "refused-canary"));
        refused.put("another organization in the associated data", Sodium.sealForHush(x25519, bytes("refused-canary"),
                aad(outsiderOrgId, "web", "staging", "API_KEY")));
        refused.put("another organization's key", Sodium.sealForHush(outsiderKey, bytes("refused-canary"), aad(orgId, "web", "staging", "API_KEY")));
        refused.put("a flipped ciphertext bit", new Sodium.HushSealed(good.ephemeralPublicKeyB64(), Base64.getEncoder().encodeToString(flipped)));
        refused.put("another ephemeral key", new Sodium.HushSealed(Sodium.keyPair().publicB64(), good.encryptedValueB64()));
        refused.put("a low-order ephemeral key", new Sodium.HushSealed(Base64.getEncoder().encodeToString(new byte[32]), good.encryptedValueB64()));
        for (var c : refused.entrySet()) {
            var r = owner.put(env("web", "staging"), body("API_KEY", c.getValue(), Map.of()));
            assertThat(r.status()).as(c.getKey()).isEqualTo(400);
            assertThat(r.header("Content-Type")).as(c.getKey()).startsWith("application/problem+json");
            assertThat(r.code()).as(c.getKey()).isEqualTo("sealed_value_invalid");
            assertThat(r.body().at("/errors/0/field").asText()).as(c.getKey()).isEqualTo("encryptedValue");
            assertThat(r.body().get("detail").asText()).as(c.getKey()).contains("X25519-SHA256-A256GCM", "x25519PublicKey");
            assertThat(r.raw().body()).as(c.getKey()).doesNotContain("canary").doesNotContain("Exception");
        }
        assertThat(owner.put(env("web", "staging"), body("API_KEY", good, Map.of())).status()).as("the right place still works").isEqualTo(200);

        // Malformed requests: named fields, nothing stored.
        Map<String, Object> shortKey = body("BAD", good, Map.of());
        shortKey.put("ephemeralPublicKey", "AAAA");
        assertThat(problemField(owner.put(env("web", "staging"), shortKey), "invalid_public_key")).isEqualTo("ephemeralPublicKey");
        Map<String, Object> unknownAlgorithm = body("BAD", good, Map.of("algorithm", "X448"));
        assertThat(problemField(owner.put(env("web", "staging"), unknownAlgorithm), "validation_failed")).isEqualTo("algorithm");
        Map<String, Object> withEncryptedKey = body("BAD", good, Map.of("encryptedKey", "AAAA"));
        assertThat(problemField(owner.put(env("web", "staging"), withEncryptedKey), "validation_failed")).isEqualTo("encryptedKey");
        Map<String, Object> withValue = body("BAD", good, Map.of("value", "plain-canary"));
        assertThat(problemField(owner.put(env("web", "staging"), withValue), "validation_failed")).isEqualTo("value");
        Map<String, Object> noEphemeral = body("BAD", good, Map.of());
        noEphemeral.remove("ephemeralPublicKey");
        assertThat(problemField(owner.put(env("web", "staging"), noEphemeral), "validation_failed")).isEqualTo("ephemeralPublicKey");

        JsonNode keys = owner.get(env("web", "staging") + "/keys").body().get("secrets");
        assertThat(keys).extracting(k -> k.get("key").asText()).containsExactly("API_KEY");
        assertThat(keys.get(0).get("version").asInt()).isEqualTo(1);
        assertThat(owner.get(env("web", "prod") + "/keys").body().get("secrets")).isEmpty();
        assertThat(owner.get(env("api", "staging") + "/keys").body().get("secrets")).isEmpty();
    }

    @Test
    void put_byViewer_isForbidden_andOutsider_getsNotFound() {
        assertThat(viewer.put(env("web", "dev"), body("VIEWER", sealed("web", "dev", "VIEWER", "viewer-canary"), Map.of())).status()).isEqualTo(403);
        assertThat(outsider.put(env("web", "dev"), body("OUTSIDER", sealed("web", "dev", "OUTSIDER", "outsider-canary"), Map.of())).status())
                .isEqualTo(404);
        assertThat(owner.get(env("web", "dev") + "/keys?keys=VIEWER,OUTSIDER").body().get("secrets")).isEmpty();
    }

    @Test
    void bulk_takesX25519EntriesBesideRsaAndPlain_andOneEntrySealedForAnotherKeyWritesNothing() throws Exception {
        String pem = owner.get("/v1/orgs/" + orgId + "/public-key").body().get("publicKeyPem").asText();
        List<Map<String, Object>> entries = new ArrayList<>();
        entries.add(body("BULK_X1", sealed("api", "dev", "BULK_X1", "bulk-canary-1"), Map.of()));
        entries.add(body("BULK_X2", sealed("api", "dev", "BULK_X2", "bulk-canary-2"), Map.of("tags", List.of("t"))));
        entries.add(Map.of("key", "BULK_RSA", "sealed", true, "encryptedValue", rsa(pem, "bulk-rsa-canary")));
        entries.add(Map.of("key", "BULK_PLAIN", "value", "plain"));
        var r = owner.post(env("api", "dev") + "/bulk", Map.of("secrets", entries));
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
        assertThat(r.body().get("created").asInt()).isEqualTo(4);
        JsonNode pulled = owner.get(env("api", "dev")).body().get("secrets");
        Map<String, String> values = new HashMap<>();
        pulled.forEach(s -> values.put(s.get("key").asText(), s.get("value").asText()));
        assertThat(values).containsEntry("BULK_X1", "bulk-canary-1").containsEntry("BULK_X2", "bulk-canary-2")
                .containsEntry("BULK_RSA", "bulk-rsa-canary").containsEntry("BULK_PLAIN", "plain");

        // BULK_X2's sealed value offered as BULK_X3's: the whole batch is refused.
        var swapped = owner.post(env("api", "dev") + "/bulk", Map.of("secrets", List.of(
                body("BULK_X4", sealed("api", "dev", "BULK_X4", "bulk-canary-4"), Map.of()),
                body("BULK_X3", sealed("api", "dev", "BULK_X2", "bulk-canary-3"), Map.of()))));
        assertThat(swapped.status()).isEqualTo(400);
        assertThat(swapped.code()).isEqualTo("sealed_value_invalid");
        assertThat(swapped.body().at("/errors/0/field").asText()).isEqualTo("secrets[1].encryptedValue");
        assertThat(owner.get(env("api", "dev") + "/keys?keys=BULK_X3,BULK_X4").body().get("secrets")).isEmpty();
        var malformed = owner.post(env("api", "dev") + "/bulk", Map.of("secrets", List.of(
                body("BULK_X5", sealed("api", "dev", "BULK_X5", "bulk-canary-5"), Map.of("encryptedKey", "AAAA")))));
        assertThat(problemField(malformed, "validation_failed")).isEqualTo("secrets[0].encryptedKey");
    }

    @Test
    void rotation_keepsTheOldX25519KeyOpeningForTheGracePeriodOnly_andAPairFromBeforeGetsItsX25519KeyOnce() {
        Api session = session("rotation@x25519.test");
        String rotOrgId = session.get("/v1/auth/me").body().at("/orgs/0/id").asText();
        String rotOrg = session.get("/v1/auth/me").body().at("/orgs/0/slug").asText();
        Api rot = bearer(session);
        assertThat(rot.post("/v1/projects/" + rotOrgId, Map.of("name", "Web", "slug", "web")).status()).isEqualTo(201);
        String path = "/v1/secrets/" + rotOrg + "/web/dev";

        // A pair stored before X25519 sealed writes: it gets its X25519 key on first use, once.
        String before = rot.get("/v1/orgs/" + rotOrgId + "/public-key").body().get("x25519PublicKey").asText();
        sql("UPDATE org_key_pairs SET x25519_public = NULL, x25519_private_wrapped = NULL WHERE org_id = ?", rotOrgId);
        String made = rot.get("/v1/orgs/" + rotOrgId + "/public-key").body().get("x25519PublicKey").asText();
        assertThat(made).isNotEqualTo(before);
        assertThat(rot.get("/v1/orgs/" + rotOrgId + "/public-key").body().get("x25519PublicKey").asText()).as("made once").isEqualTo(made);

        Sodium.HushSealed toOld = Sodium.sealForHush(made, bytes("before-rotation-canary"), aad(rotOrgId, "web", "dev", "ROTATED"));
        var rotated = rot.post("/v1/orgs/" + rotOrgId + "/public-key/rotate", null).body();
        assertThat(rotated.get("version").asInt()).isEqualTo(2);
        assertThat(rotated.get("x25519PublicKey").asText()).isNotEqualTo(made);
        assertThat(rot.put(path, body("ROTATED", toOld, Map.of())).status()).as("within the grace period").isEqualTo(200);

        sql("UPDATE org_key_pairs SET retired_at = ? WHERE org_id = ? AND retired_at IS NOT NULL", OffsetDateTime.now().minusDays(2), rotOrgId);
        assertThat(rot.put(path, body("ROTATED", toOld, Map.of())).code()).as("after the grace period").isEqualTo("sealed_value_invalid");
        Sodium.HushSealed toNew = Sodium.sealForHush(rotated.get("x25519PublicKey").asText(), bytes("after-rotation-canary"),
                aad(rotOrgId, "web", "dev", "ROTATED"));
        assertThat(rot.put(path, body("ROTATED", toNew, Map.of())).body().get("version").asInt()).isEqualTo(2);
    }

    String orgX25519() { return owner.get("/v1/orgs/" + orgId + "/public-key").body().get("x25519PublicKey").asText(); }

    Sodium.HushSealed sealed(String project, String env, String key, String value) {
        return Sodium.sealForHush(orgX25519(), bytes(value), aad(orgId, project, env, key));
    }

    static String aad(String orgId, String project, String env, String key) {
        return "hush/seal/x25519/v1|" + UUID.fromString(orgId) + "|" + project + "|" + env + "|" + key;
    }

    static Map<String, Object> body(String key, Sodium.HushSealed sealed, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(Map.of("key", key, "sealed", true, "algorithm", "X25519-SHA256-A256GCM",
                "ephemeralPublicKey", sealed.ephemeralPublicKeyB64(), "encryptedValue", sealed.encryptedValueB64()));
        body.putAll(more);
        return body;
    }

    static String problemField(Api.Res r, String code) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
        assertThat(r.code()).as(r.raw().body()).isEqualTo(code);
        return r.body().at("/errors/0/field").asText();
    }

    static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static String rsa(String pem, String value) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", ""));
        var key = java.security.KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.X509EncodedKeySpec(der));
        var c = javax.crypto.Cipher.getInstance("RSA/ECB/OAEPPadding");
        c.init(javax.crypto.Cipher.ENCRYPT_MODE, key, new javax.crypto.spec.OAEPParameterSpec("SHA-256", "MGF1",
                java.security.spec.MGF1ParameterSpec.SHA256, javax.crypto.spec.PSource.PSpecified.DEFAULT));
        return Base64.getEncoder().encodeToString(c.doFinal(bytes(value)));
    }

    String env(String project, String env) { return "/v1/secrets/" + org + "/" + project + "/" + env; }

    Api session(String email) {
        Api api = Api.withCookies(server.base).header("X-Requested-With", "hush");
        assertThat(api.post("/v1/auth/register", Map.of("email", email, "password", "password for " + email)).status()).isEqualTo(201);
        return api;
    }

    Api bearer(Api session) {
        return Api.anonymous(server.base).withToken(session.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText());
    }

    void sql(String statement, Object... args) {
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> tx = server.context.getBean(TransactionOperations.class);
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(statement)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i] instanceof String s && s.length() == 36 ? UUID.fromString(s) : args[i]);
                }
                assertThat(ps.executeUpdate()).isPositive();
            }
            return null;
        });
    }
}
