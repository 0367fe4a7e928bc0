package dev.hush.bootstrap.api.secret;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Crate "done when" with a browser-grade client that is not Hush's: Node's WebCrypto (the same
 * crypto.subtle API as browsers) seals with RSA-OAEP/SHA-256, stores, lists by env and tag, retrieves with
 * a temporary RSA-2048 key and opens the AES-GCM bundle. The script is src/test/resources/clients/webcrypto-crate.mjs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebCryptoInteropTest {
    static final String VALUE = "postgres://webcrypto:canary-é✓@db/app";

    Path dir;
    TestServer server;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("hush-webcrypto");
        server = TestServer.start(dir.resolve("data"));
    }

    @AfterAll
    void stop() throws IOException {
        server.close();
        TestFiles.deleteTree(dir);
    }

    @Test
    void nodeWebCrypto_sealsStoresListsRetrievesAndOpens() throws Exception {
        Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
        assertThat(session.post("/v1/auth/register", Map.of("email", "web@crypto.test", "password", "webcrypto password")).status()).isEqualTo(201);
        String orgId = session.get("/v1/auth/me").body().at("/orgs/0/id").asText();
        String token = session.post("/v1/auth/token", Map.of("name", "node")).body().get("token").asText();

        Path script = dir.resolve("webcrypto-crate.mjs");
        try (var in = getClass().getResourceAsStream("/clients/webcrypto-crate.mjs")) {
            Files.write(script, in.readAllBytes());
        }
        ProcessBuilder pb = new ProcessBuilder("node", script.toString(), server.base.toString(), orgId).redirectErrorStream(true);
        pb.environment().put("HUSH_TOKEN", token);
        pb.environment().put("SECRET_VALUE", VALUE);
        Process node = pb.start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        JsonNode out = Api.JSON.readTree(output.lines().reduce((a, b) -> b).orElseThrow());

        assertThat(out.get("publicKeyStatus").asInt()).isEqualTo(200);
        assertThat(out.at("/put/status").asInt()).isEqualTo(200);
        assertThat(out.at("/plaintextPut/status").asInt()).isEqualTo(400);
        assertThat(out.at("/plaintextPut/body/code").asText()).isEqualTo("sealed_transport_required");
        assertThat(out.at("/list/body/secrets/0/name").asText()).isEqualTo("DATABASE_URL");
        assertThat(out.at("/list/body/secrets").size()).isEqualTo(1);
        assertThat(out.get("retrieveStatus").asInt()).isEqualTo(200);
        assertThat(out.get("retrieveFields").toString()).isEqualTo("[\"encrypted_key\",\"encrypted_secrets\"]");
        JsonNode secret = out.at("/bundle/secrets/0");
        assertThat(secret.get("name").asText()).isEqualTo("DATABASE_URL");
        assertThat(secret.get("value").asText()).isEqualTo(VALUE);
        assertThat(secret.get("environment").asText()).isEqualTo("dev");
        assertThat(secret.get("version").asInt()).isEqualTo(1);
        assertThat(secret.get("tags").toString()).isEqualTo("[\"backend\",\"db\"]");
    }
}
