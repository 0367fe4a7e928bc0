package dev.hush.bootstrap.api.secret;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.Sodium;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * docs/security.md 23 over HTTP: the attacker-supplied base64 and PEM fields of the sealed APIs (Poliglot's
 * encryptedValue, nonce, clientPublicKey, keyId and X-Ephemeral-Pubkey; Crate's encrypted_value and client
 * public key; the X25519 sealed write's encryptedValue, ephemeralPublicKey and algorithm) are mutated from
 * valid requests with a fixed seed. Every answer is a 4xx problem, never a 500, and nothing is stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SealedInputFuzzTest {
    static final int ROUNDS = 150;
    Path dir;
    TestServer server;
    Api owner;
    String org;
    String orgId;
    String secretId;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("hush-fuzz");
        server = TestServer.start(dir.resolve("data"));
        Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
        var reg = session.post("/v1/auth/register", Map.of("email", "fuzz@example.com", "password", "fuzzing password 1"));
        org = reg.body().at("/org/slug").asText();
        orgId = reg.body().at("/org/id").asText();
        owner = Api.anonymous(server.base).withToken(session.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText());
        assertThat(owner.post("/v1/projects/" + orgId, Map.of("name", "Web", "slug", "web")).status()).isEqualTo(201);
        assertThat(owner.put("/v1/secrets/" + org + "/web/dev", Map.of("key", "FUZZ", "value", "fuzz-original")).status()).isEqualTo(200);
        for (JsonNode s : owner.get("/api/v1/secrets/" + org + "?prefix=web/dev/").body().get("data")) {
            secretId = s.get("id").asText();
        }
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        TestFiles.deleteTree(dir);
    }

    /**
     * Red-team finding 11: a null element in any list of a request body (webhook events, retrieve keys, names
     * and tags, Crate names, bulk entries and their tags, promote and bulk-delete keys, token scopes) is a 400
     * naming the field and index, never a 500, and nothing changes.
     */
    @Test
    void nullListElements_get400NamingTheField() {
        java.util.List<Object[]> cases = new java.util.ArrayList<>();
        String pem = owner.get("/v1/orgs/" + orgId + "/public-key").body().get("publicKeyPem").asText();
        cases.add(new Object[] {"POST", "/v1/webhooks/" + orgId, "{\"url\":\"http://127.0.0.1:9/x\",\"events\":[null]}", "events[0]"});
        cases.add(new Object[] {"POST", "/v1/secrets/" + org + "/web/dev/retrieve", Map.of("keys", java.util.Arrays.asList("FUZZ", null), "publicKeyPem", pem), "keys[1]"});
        cases.add(new Object[] {"POST", "/v1/secrets/" + org + "/web/dev/retrieve", Map.of("names", java.util.Arrays.asList((Object) null), "publicKeyPem", pem), "names[0]"});
        cases.add(new Object[] {"POST", "/v1/secrets/" + org + "/web/dev/retrieve", Map.of("tags", java.util.Arrays.asList((Object) null), "publicKeyPem", pem), "tags[0]"});
        cases.add(new Object[] {"POST", "/organization/" + orgId + "/secrets/retrieve",
                Map.of("environment", "dev", "names", java.util.Arrays.asList((Object) null), "public_key_pem", pem), "names[0]"});
        cases.add(new Object[] {"POST", "/v1/secrets/" + org + "/web/dev/bulk", "{\"secrets\":[null]}", "secrets[0]"});
        cases.add(new Object[] {"POST", "/v1/secrets/" + org + "/web/dev/bulk", "{\"secrets\":[{\"key\":\"NEW_ONE\",\"value\":\"v\",\"tags\":[null]}]}", "secrets[0].tags[0]"});
        cases.add(new Object[] {"PUT", "/v1/secrets/" + org + "/web/dev", "{\"key\":\"NEW_TWO\",\"value\":\"v\",\"tags\":[\"a\",null]}", "tags[1]"});
        cases.add(new Object[] {"POST", "/v1/secrets/" + org + "/web/promote", "{\"from\":\"dev\",\"to\":\"prod\",\"keys\":[null]}", "keys[0]"});
        cases.add(new Object[] {"POST", "/v1/secrets/" + org + "/web/dev/bulk-delete", "{\"keys\":[null]}", "keys[0]"});
        cases.add(new Object[] {"POST", "/v1/auth/token", "{\"name\":\"n\",\"orgId\":\"" + orgId + "\",\"projects\":[null]}", "projects[0]"});
        cases.add(new Object[] {"POST", "/v1/auth/token", "{\"name\":\"n\",\"environments\":[null]}", "environments[0]"});
        cases.add(new Object[] {"POST", "/v1/auth/token", "{\"name\":\"n\",\"permissions\":[\"read\",null]}", "permissions[1]"});
        // PUT and bulk read a secret's fields the same way (one mapping): encryptedKey alone means sealed, so
        // encryptedValue is required, in a bulk entry as in a PUT (the bulk path used to ignore encryptedKey).
        cases.add(new Object[] {"PUT", "/v1/secrets/" + org + "/web/dev", "{\"key\":\"HALF\",\"value\":\"v\",\"encryptedKey\":\"AAAA\"}", "value"});
        cases.add(new Object[] {"POST", "/v1/secrets/" + org + "/web/dev/bulk",
                "{\"secrets\":[{\"key\":\"HALF\",\"value\":\"v\",\"encryptedKey\":\"AAAA\"}]}", "secrets[0].value"});
        cases.add(new Object[] {"POST", "/v1/secrets/" + org + "/web/dev/bulk",
                "{\"secrets\":[{\"key\":\"HALF\",\"encryptedKey\":\"AAAA\"}]}", "secrets[0].encryptedValue"});
        for (Object[] c : cases) {
            var r = owner.send((String) c[0], (String) c[1], c[2]);
            assertThat(r.status()).as("%s %s", c[0], c[1]).isEqualTo(400);
            assertThat(r.body().at("/errors/0/field").asText()).as("%s %s", c[0], c[1]).isEqualTo(c[3]);
        }
        var keys = owner.get("/v1/secrets/" + org + "/web/dev/keys").body().get("secrets");
        assertThat(keys).hasSize(1);
        assertThat(owner.get("/v1/webhooks/" + orgId).body().get("webhooks")).isEmpty();
        assertThat(owner.get("/v1/secrets/" + org + "/web/prod/keys").body().get("secrets")).isEmpty();
    }

    /** One mutation of a valid field: flipped bytes, cut or grown, invalid characters, other lengths, empty. */
    static String mutate(Random random, String valid) {
        return switch (random.nextInt(7)) {
            case 0 -> {
                byte[] raw = Base64.getDecoder().decode(valid);
                raw[random.nextInt(raw.length)] ^= (byte) (1 + random.nextInt(255));
                yield Base64.getEncoder().encodeToString(raw);
            }
            case 1 -> valid.substring(0, random.nextInt(valid.length()));
            case 2 -> valid + Base64.getEncoder().encodeToString(bytes(random, 1 + random.nextInt(64)));
            case 3 -> valid.substring(0, random.nextInt(valid.length())) + "!*%\u00e9\u0000" + valid.substring(random.nextInt(valid.length()));
            case 4 -> Base64.getEncoder().encodeToString(bytes(random, random.nextInt(200)));
            case 5 -> "";
            default -> new String(bytes(random, random.nextInt(80)), StandardCharsets.ISO_8859_1);
        };
    }

    /** What an HTTP client can send in a header: visible ASCII only. */
    static String headerSafe(String s) {
        String visible = s.chars().filter(c -> c > 0x20 && c < 0x7f).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return visible.isEmpty() ? "x" : visible;
    }

    static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @Test
    void poliglotSealedFields_mutated_neverGiveA500_andStoreNothing() {
        Random random = new Random(20261123);
        String api = "/api/v1/secrets/" + org + "/" + secretId + "/value";
        String[] fields = {"encryptedValue", "nonce", "clientPublicKey", "keyId"};
        for (int i = 0; i < ROUNDS; i++) {
            JsonNode key = owner.post("/api/v1/secrets/" + org + "/pubkey", null).body().get("data");
            Sodium.KeyPair client = Sodium.keyPair();
            Sodium.Sealed sealed = Sodium.seal(Sodium.sharedKey(client.secretKey(), key.get("serverPublicKey").asText()),
                    ("fuzzed-" + i).getBytes(StandardCharsets.UTF_8));
            Map<String, Object> body = new HashMap<>(Map.of("encryptedValue", sealed.ciphertextB64(), "nonce", sealed.nonceB64(),
                    "clientPublicKey", client.publicB64(), "keyId", key.get("keyId").asText()));
            String field = fields[random.nextInt(fields.length)];
            String valid = (String) body.get(field);
            body.put(field, field.equals("keyId") ? valid.substring(0, random.nextInt(valid.length())) + "x" : mutate(random, valid));
            var r = owner.put(api, body);
            assertThat(r.status()).as("round %d, %s: %s", i, field, r.raw().body()).isBetween(400, 499);

            var read = owner.header("X-Ephemeral-Pubkey", headerSafe(mutate(random, Sodium.keyPair().publicB64()))).get(api);
            assertThat(read.status()).as("round %d, X-Ephemeral-Pubkey: %s", i, read.raw().body()).isIn(200, 400);
        }
        assertThat(owner.get("/v1/secrets/" + org + "/web/dev?keys=FUZZ").body().at("/secrets/0/value").asText()).isEqualTo("fuzz-original");
    }

    @Test
    void x25519SealedWriteFields_mutated_neverGiveA500_andStoreNothing() {
        Random random = new Random(20260314);
        JsonNode pk = owner.get("/v1/orgs/" + orgId + "/public-key").body();
        String path = "/v1/secrets/" + org + "/web/dev";
        String[] fields = {"encryptedValue", "ephemeralPublicKey", "algorithm"};
        for (int i = 0; i < ROUNDS; i++) {
            Sodium.HushSealed sealed = Sodium.sealForHush(pk.get("x25519PublicKey").asText(), ("x25519-fuzz-" + i).getBytes(StandardCharsets.UTF_8),
                    "hush/seal/x25519/v1|" + orgId + "|web|dev|FUZZ_X");
            Map<String, Object> body = new HashMap<>(Map.of("key", "FUZZ_X", "sealed", true, "algorithm", "X25519-SHA256-A256GCM",
                    "ephemeralPublicKey", sealed.ephemeralPublicKeyB64(), "encryptedValue", sealed.encryptedValueB64()));
            String field = fields[random.nextInt(fields.length)];
            String valid = (String) body.get(field);
            body.put(field, field.equals("algorithm") ? mutate(random, Base64.getEncoder().encodeToString(valid.getBytes(StandardCharsets.US_ASCII)))
                    : mutate(random, valid));
            var put = owner.put(path, body);
            assertThat(put.status()).as("round %d, %s: %s", i, field, put.raw().body()).isBetween(400, 499);
            var bulk = owner.post(path + "/bulk", Map.of("secrets", List.of(body)));
            assertThat(bulk.status()).as("round %d, bulk %s: %s", i, field, bulk.raw().body()).isBetween(400, 499);
        }
        assertThat(owner.get(path + "/keys?keys=FUZZ_X").body().get("secrets")).isEmpty();
    }

    @Test
    void crateSealedValueAndClientKey_mutated_neverGiveA500_andStoreNothing() throws Exception {
        Random random = new Random(1123);
        String pem = owner.get("/v1/orgs/" + orgId + "/public-key").body().get("publicKeyPem").asText();
        byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", ""));
        var orgKey = java.security.KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.X509EncodedKeySpec(der));
        var rsa = javax.crypto.Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(javax.crypto.Cipher.ENCRYPT_MODE, orgKey, new javax.crypto.spec.OAEPParameterSpec("SHA-256", "MGF1",
                java.security.spec.MGF1ParameterSpec.SHA256, javax.crypto.spec.PSource.PSpecified.DEFAULT));
        String sealed = Base64.getEncoder().encodeToString(rsa.doFinal("crate-fuzz".getBytes(StandardCharsets.UTF_8)));
        var pair = java.security.KeyPairGenerator.getInstance("RSA");
        pair.initialize(2048);
        String clientDer = Base64.getEncoder().encodeToString(pair.generateKeyPair().getPublic().getEncoded());
        String crate = "/organization/" + orgId + "/secrets";
        for (int i = 0; i < ROUNDS; i++) {
            var put = owner.put(crate, Map.of("name", "CRATE_FUZZ", "environment", "dev", "sealed", true, "encrypted_value", mutate(random, sealed)));
            assertThat(put.status()).as("round %d: %s", i, put.raw().body()).isIn(200, 400);
            if (put.status() == 200) {
                // A flipped bit can still be a valid OAEP block only by luck far below 2^-100: treat it as a finding.
                throw new AssertionError("a mutated RSA-OAEP ciphertext was accepted in round " + i);
            }
            String clientPem = "-----BEGIN PUBLIC KEY-----\n" + mutate(random, clientDer) + "\n-----END PUBLIC KEY-----\n";
            var retrieve = owner.post(crate + "/retrieve", Map.of("environment", "dev", "public_key_pem", clientPem));
            assertThat(retrieve.status()).as("round %d: %s", i, retrieve.raw().body()).isIn(200, 400);
        }
        assertThat(owner.get(crate + "?env=dev").body().toString()).doesNotContain("CRATE_FUZZ");
    }
}
