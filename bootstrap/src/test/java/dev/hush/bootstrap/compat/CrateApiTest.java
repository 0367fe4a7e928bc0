package dev.hush.bootstrap.compat;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.OpenSsl;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.transaction.TransactionOperations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Crate Secrets API and the sealed forms of the main API over HTTP, with OpenSSL and Bouncy Castle as
 * the client: values sealed to the organization's public key are stored, listed and retrieved as a bundle
 * sealed to the client's key; plaintext and undecryptable values are refused and store nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrateApiTest {
    Path dir;
    TestServer server;
    OpenSsl openssl;
    Api owner;
    Api developer;
    Api outsider;
    String orgId;
    String org;
    String outsiderOrgId;

    @BeforeAll
    void setUp() throws IOException {
        dir = Files.createTempDirectory("hush-crate");
        openssl = new OpenSsl(Files.createDirectories(dir.resolve("client")));
        server = TestServer.start(dir.resolve("data"));
        Api ownerSession = session("owner@crate.test");
        var me = ownerSession.get("/v1/auth/me").body();
        orgId = me.at("/orgs/0/id").asText();
        org = me.at("/orgs/0/slug").asText();
        owner = bearer(ownerSession);
        String invite = ownerSession.post("/v1/members/" + orgId + "/invite", Map.of("email", "dev@crate.test", "role", "developer"))
                .body().get("token").asText();
        Api devSession = session("dev@crate.test");
        assertThat(devSession.post("/v1/members/invite/" + invite + "/accept", null).status()).isEqualTo(200);
        developer = bearer(devSession);
        Api outsiderSession = session("outsider@crate.test");
        outsiderOrgId = outsiderSession.get("/v1/auth/me").body().at("/orgs/0/id").asText();
        outsider = bearer(outsiderSession);
    }

    /** After every test: no value sent sealed (they all contain "canary") is in the data dir in clear. */
    @AfterAll
    void tearDown() throws IOException {
        TestFiles.stopAndSweep(server, dir, "canary");
    }

    @Test
    void anOrganizationFromBeforeSealedTransport_getsItsKeyPairOnFirstUse() {
        Api session = session("legacy@crate.test");
        String legacyOrg = session.get("/v1/auth/me").body().at("/orgs/0/id").asText();
        Api legacy = bearer(session);
        // A new organization's pair is made in the background after sign-up (or on first use): make sure it exists, then remove it.
        assertThat(legacy.get("/v1/orgs/" + legacyOrg + "/public-key").status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> tx = server.context.getBean(TransactionOperations.class);
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("DELETE FROM org_key_pairs WHERE org_id = ?")) {
                ps.setObject(1, java.util.UUID.fromString(legacyOrg));
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            return null;
        });
        String pem = legacy.get("/v1/orgs/" + legacyOrg + "/public-key").body().get("publicKeyPem").asText();
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(legacy.get("/v1/orgs/" + legacyOrg + "/public-key").body().get("publicKeyPem").asText()).as("made once").isEqualTo(pem);
        var put = legacy.put("/organization/" + legacyOrg + "/secrets", Map.of("name", "LEGACY", "environment", "dev",
                "encrypted_value", openssl.seal(pem, "legacy-canary"), "sealed", true));
        assertThat(put.status()).isEqualTo(200);
    }

    Api session(String email) {
        Api api = Api.withCookies(server.base).header("X-Requested-With", "hush");
        assertThat(api.post("/v1/auth/register", Map.of("email", email, "password", "password for " + email)).status()).isEqualTo(201);
        return api;
    }

    Api bearer(Api session) {
        return Api.anonymous(server.base).withToken(session.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText());
    }

    String crate(String path) { return "/organization/" + orgId + "/secrets" + path; }

    String orgPublicKey() {
        var r = owner.get(crate("/public-key"));
        assertThat(r.status()).isEqualTo(200);
        String pem = r.body().get("public_key_pem").asText();
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        return pem;
    }

    Api.Res store(Api as, String name, String env, String value, List<String> tags) {
        return as.put(crate(""), Map.of("name", name, "environment", env, "encrypted_value", openssl.seal(orgPublicKey(), value),
                "sealed", true, "tags", tags));
    }

    JsonNode retrieve(Api as, Map<String, Object> request, Path clientKey) {
        var r = as.post(crate("/retrieve"), request);
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
        assertThat(r.body().size()).as("exactly the two documented fields").isEqualTo(2);
        try {
            return Api.JSON.readTree(openssl.openBundle(clientKey, r.body().get("encrypted_key").asText(), r.body().get("encrypted_secrets").asText()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void sealedValues_areStored_listedByEnvAndTag_andRetrievedSealedToTheClientKey() {
        var put = store(owner, "DATABASE_URL", "dev", "postgres://crate:canary-1@db/app", List.of("backend", "db"));
        assertThat(put.status()).as(String.valueOf(put.body())).isEqualTo(200);
        assertThat(put.body().get("version").asInt()).isEqualTo(1);
        assertThat(store(owner, "STRIPE_API_KEY", "dev", "sk_test_crate_canary_2", List.of("backend")).status()).isEqualTo(200);
        assertThat(store(owner, "CDN_KEY", "dev", "cdn-canary-3", List.of("frontend")).status()).isEqualTo(200);
        assertThat(store(owner, "DATABASE_URL", "prod", "postgres://crate:prod-canary@db/app", List.of("backend")).status()).isEqualTo(200);

        var list = owner.get(crate("?env=dev&tags=backend"));
        assertThat(list.status()).isEqualTo(200);
        JsonNode secrets = list.body().get("secrets");
        assertThat(secrets).extracting(s -> s.get("name").asText()).containsExactly("DATABASE_URL", "STRIPE_API_KEY");
        JsonNode first = secrets.get(0);
        assertThat(first.get("environment").asText()).isEqualTo("dev");
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("tags")).extracting(JsonNode::asText).containsExactly("backend", "db");
        assertThat(first.has("updated_at")).isTrue();
        assertThat(list.body().toString()).doesNotContain("canary");
        assertThat(owner.get(crate("?env=dev&tags=backend,db")).body().get("secrets")).hasSize(1);
        assertThat(owner.get(crate("?env=dev")).body().get("secrets")).extracting(s -> s.get("name").asText())
                .contains("CDN_KEY", "DATABASE_URL", "STRIPE_API_KEY");
        assertThat(owner.get(crate("?env=prod")).body().get("secrets")).extracting(s -> s.get("name").asText()).containsExactly("DATABASE_URL");
        assertThat(owner.get(crate("")).status()).as("env is required").isEqualTo(400);

        Path client = openssl.newKey(3072);
        JsonNode bundle = retrieve(owner, Map.of("environment", "dev", "names", List.of("DATABASE_URL", "STRIPE_API_KEY"),
                "tags", List.of("backend"), "public_key_pem", openssl.publicPem(client)), client);
        assertThat(bundle.get("secrets")).hasSize(2);
        JsonNode db = bundle.get("secrets").get(0);
        assertThat(db.get("name").asText()).isEqualTo("DATABASE_URL");
        assertThat(db.get("environment").asText()).isEqualTo("dev");
        assertThat(db.get("value").asText()).isEqualTo("postgres://crate:canary-1@db/app");
        assertThat(db.get("version").asInt()).isEqualTo(1);
        assertThat(db.get("tags")).extracting(JsonNode::asText).containsExactly("backend", "db");
        JsonNode byTag = retrieve(owner, Map.of("environment", "dev", "tags", List.of("frontend"), "public_key_pem", openssl.publicPem(client)), client);
        assertThat(byTag.get("secrets")).extracting(s -> s.get("value").asText()).containsExactly("cdn-canary-3");

        // Stored in the organization's default project, created on first use.
        assertThat(owner.get("/v1/projects/" + orgId).body().toString()).contains("\"default\"");
        assertThat(owner.get("/v1/secrets/" + org + "/default/prod?keys=DATABASE_URL").body().at("/secrets/0/value").asText())
                .isEqualTo("postgres://crate:prod-canary@db/app");
    }

    @Test
    void plaintextOrUnopenableValues_areRefusedWith400_andStoreNothing() {
        String pem = orgPublicKey();
        var plain = owner.put(crate(""), Map.of("name", "PLAIN", "environment", "dev", "value", "plaintext-canary", "sealed", false));
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.code()).isEqualTo("sealed_transport_required");
        assertThat(plain.body().toString()).doesNotContain("plaintext-canary");
        var both = owner.put(crate(""), Map.of("name", "PLAIN", "environment", "dev", "value", "plaintext-canary", "sealed", true,
                "encrypted_value", openssl.seal(pem, "x")));
        assertThat(both.code()).isEqualTo("sealed_transport_required");
        var unsealedFlag = owner.put(crate(""), Map.of("name", "PLAIN", "environment", "dev", "encrypted_value", openssl.seal(pem, "x")));
        assertThat(unsealedFlag.code()).isEqualTo("sealed_transport_required");

        byte[] junk = new byte[384];
        new SecureRandom().nextBytes(junk);
        for (String bad : List.of(Base64.getEncoder().encodeToString(junk), "not base64 at all!", Base64.getEncoder().encodeToString(new byte[10]),
                openssl.seal(openssl.publicPem(openssl.newKey(3072)), "sealed to another key"))) {
            var r = owner.put(crate(""), Map.of("name", "PLAIN", "environment", "dev", "encrypted_value", bad, "sealed", true));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.code()).isEqualTo("sealed_value_invalid");
            assertThat(r.body().get("detail").asText()).as("one uniform message").isEqualTo(
                    "The sealed value could not be opened. Seal it with RSA-OAEP (SHA-256, MGF1-SHA-256) to the organization's current public "
                            + "key and send it in standard base64.");
        }
        assertThat(owner.get(crate("?env=dev")).body().toString()).doesNotContain("PLAIN");
        assertThat(owner.get("/v1/audit/" + orgId).body().toString()).doesNotContain("secret/PLAIN");
    }

    @Test
    void clientKeysOutsideTheAcceptedRange_orMalformed_areRefusedWith400() {
        assertThat(store(owner, "K", "dev", "v", List.of()).status()).isEqualTo(200);
        for (String pem : List.of(openssl.publicPem(openssl.newKey(1024)), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "")) {
            var r = owner.post(crate("/retrieve"), Map.of("environment", "dev", "names", List.of("K"), "public_key_pem", pem));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.code()).isIn("invalid_public_key", "validation_failed");
        }
    }

    @Test
    void anotherOrganization_gets404_andADeveloper_gets403_onEveryRoute() {
        String other = "/organization/" + orgId + "/secrets";
        String pem = orgPublicKey();
        Map<String, Object> put = Map.of("name", "X", "environment", "dev", "encrypted_value", openssl.seal(pem, "x"), "sealed", true);
        Map<String, Object> retrieve = Map.of("environment", "dev", "public_key_pem", openssl.publicPem(openssl.newKey(2048)));
        for (Api as : List.of(outsider, developer)) {
            int want = as == outsider ? 404 : 403;
            assertThat(as.put(other, put).status()).isEqualTo(want);
            assertThat(as.get(other + "?env=dev").status()).isEqualTo(want);
            assertThat(as.get(other + "/public-key").status()).isEqualTo(want);
            assertThat(as.post(other + "/retrieve", retrieve).status()).isEqualTo(want);
            assertThat(as.delete(other + "/K?env=dev").status()).isEqualTo(want);
        }
        assertThat(outsider.get(other + "/public-key").code()).isEqualTo("organization_not_found");
        // The owner, addressing the outsider's organization, gets the same 404.
        assertThat(owner.get("/organization/" + outsiderOrgId + "/secrets?env=dev").code()).isEqualTo("organization_not_found");
        assertThat(Api.anonymous(server.base).get(other + "?env=dev").status()).isEqualTo(401);
    }

    @Test
    void delete_removesFromListAndRetrieval() {
        assertThat(store(owner, "TO_DELETE", "staging", "bye-canary", List.of("tmp")).status()).isEqualTo(200);
        assertThat(owner.delete(crate("/TO_DELETE?env=staging")).status()).isEqualTo(204);
        assertThat(owner.get(crate("?env=staging")).body().toString()).doesNotContain("TO_DELETE");
        Path client = openssl.newKey(2048);
        assertThat(retrieve(owner, Map.of("environment", "staging", "names", List.of("TO_DELETE"), "public_key_pem", openssl.publicPem(client)),
                client).get("secrets")).isEmpty();
        assertThat(owner.delete(crate("/TO_DELETE?env=staging")).status()).isEqualTo(404);
        assertThat(owner.delete(crate("/TO_DELETE")).status()).as("env is required").isEqualTo(400);
    }

    @Test
    void mainApi_acceptsTheSealedForm_hybridForLongValues_andRetrievesCountedAndAudited() throws Exception {
        assertThat(owner.post("/v1/projects/" + orgId, Map.of("name", "Api", "slug", "api")).status()).isEqualTo(201);
        var pk = owner.get("/v1/orgs/" + orgId + "/public-key").body();
        assertThat(pk.get("algorithm").asText()).isEqualTo("RSA-OAEP-256");
        String pem = pk.get("publicKeyPem").asText();
        var r = owner.put("/v1/secrets/" + org + "/api/prod", Map.of("key", "SEALED", "encryptedValue", openssl.seal(pem, "v1-sealed-canary"),
                "sealed", true, "tags", List.of("x")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("version").asInt()).isEqualTo(1);

        // Longer than RSA-OAEP can hold: an AES-256 key sealed with RSA, the value under AES-GCM (Bouncy Castle here).
        String longValue = "-----BEGIN CERTIFICATE-----\n" + "A".repeat(10_000) + "\n-----END CERTIFICATE-----";
        byte[] aes = new byte[32];
        new SecureRandom().nextBytes(aes);
        var hybrid = owner.put("/v1/secrets/" + org + "/api/prod", Map.of("key", "CERT", "sealed", true,
                "encryptedKey", openssl.seal(pem, aes),
                "encryptedValue", Base64.getEncoder().encodeToString(OpenSsl.gcm(true, aes, longValue.getBytes(StandardCharsets.UTF_8)))));
        assertThat(hybrid.status()).as(String.valueOf(hybrid.body())).isEqualTo(200);
        assertThat(owner.put("/v1/secrets/" + org + "/api/prod", Map.of("key", "BOTH", "value", "p", "encryptedValue", "x")).status()).isEqualTo(400);

        Path client = openssl.newKey(2048);
        var res = owner.post("/v1/secrets/" + org + "/api/prod/retrieve", Map.of("publicKeyPem", openssl.publicPem(client)));
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.body().get("encrypted_key").asText()).isEqualTo(res.body().get("encryptedKey").asText());
        JsonNode bundle = Api.JSON.readTree(openssl.openBundle(client, res.body().get("encryptedKey").asText(),
                res.body().get("encryptedSecrets").asText()));
        assertThat(bundle.get("secrets")).extracting(s -> s.get("name").asText()).containsExactly("CERT", "SEALED");
        assertThat(bundle.get("secrets").get(0).get("value").asText()).isEqualTo(longValue);
        assertThat(bundle.get("secrets").get(1).get("value").asText()).isEqualTo("v1-sealed-canary");
        var keysOnly = owner.post("/v1/secrets/" + org + "/api/prod/retrieve", Map.of("keys", List.of("SEALED"), "public_key_pem", openssl.publicPem(client)));
        assertThat(Api.JSON.readTree(openssl.openBundle(client, keysOnly.body().get("encryptedKey").asText(),
                keysOnly.body().get("encryptedSecrets").asText())).get("secrets")).hasSize(1);

        // Access statistics are written in the background (every 100 ms in tests): wait for both reads, then a little more for any extra.
        JsonNode keys = null;
        for (int i = 0; i < 100 && (keys == null || keys.get("accessCount").asLong() < 2); i++) {
            Thread.sleep(50);
            keys = owner.get("/v1/secrets/" + org + "/api/prod/keys?keys=SEALED").body().at("/secrets/0");
        }
        Thread.sleep(300);
        keys = owner.get("/v1/secrets/" + org + "/api/prod/keys?keys=SEALED").body().at("/secrets/0");
        assertThat(keys.get("accessCount").asLong()).isEqualTo(2);
        String audit = owner.get("/v1/audit/" + orgId).body().toString();
        assertThat(audit).contains("secret.read").contains("project/api/env/prod").doesNotContain("v1-sealed-canary");
    }

    @Test
    void rotation_keepsTheOldKeyOpeningForTheGracePeriod_only() {
        String oldPem = orgPublicKey();
        String sealedToOld = openssl.seal(oldPem, "sealed-before-rotation");
        var rotated = owner.post("/v1/orgs/" + orgId + "/public-key/rotate", null);
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.body().get("publicKeyPem").asText()).isNotEqualTo(oldPem);
        assertThat(orgPublicKey()).isEqualTo(rotated.body().get("publicKeyPem").asText());
        assertThat(developer.post("/v1/orgs/" + orgId + "/public-key/rotate", null).status()).isEqualTo(403);

        var put = owner.put(crate(""), Map.of("name", "ROTATED", "environment", "dev", "encrypted_value", sealedToOld, "sealed", true));
        assertThat(put.status()).as("within the grace period").isEqualTo(200);
        assertThat(store(owner, "ROTATED", "dev", "sealed-after-rotation", List.of()).status()).isEqualTo(200);

        retireLongAgo();
        var late = owner.put(crate(""), Map.of("name", "ROTATED", "environment", "dev", "encrypted_value", sealedToOld, "sealed", true));
        assertThat(late.code()).as("after the grace period").isEqualTo("sealed_value_invalid");
    }

    void retireLongAgo() {
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> tx = server.context.getBean(TransactionOperations.class);
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "UPDATE org_key_pairs SET retired_at = ? WHERE org_id = ? AND retired_at IS NOT NULL")) {
                ps.setObject(1, OffsetDateTime.now().minusDays(2));
                ps.setObject(2, java.util.UUID.fromString(orgId));
                assertThat(ps.executeUpdate()).isPositive();
            }
            return null;
        });
    }
}
