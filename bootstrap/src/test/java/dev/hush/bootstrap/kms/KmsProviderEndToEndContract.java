package dev.hush.bootstrap.kms;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.transaction.TransactionOperations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The issue's "done when" for one KMS provider, over HTTP, against its stand-in: a new user's keys are
 * wrapped by the KMS, a restart reads them back through it, an outage answers 503 (never 500, never a
 * partial write) while keys already in memory keep serving, the server starts while the KMS is down and
 * recovers without a restart, and every value still reads after root and project key rotation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class KmsProviderEndToEndContract {
    Path dir;
    TestServer server;
    Api owner;
    String orgId;
    String org;
    String token;

    /** Server properties selecting the provider and pointing it at the stand-in. */
    abstract Map<String, Object> kmsProperties();

    /** The key id Hush records for this provider's key. */
    abstract String expectedKeyId();

    abstract void kmsDown();

    abstract void kmsUp();

    /** Rotates the key inside the KMS (a new key version), as an operator would. */
    abstract void rotateInKms();

    abstract void startKms();

    abstract void stopKms();

    /** The operator token, which shows /health's details (the component that is down). */
    static final String OPERATOR = "kms-test-operator-token";

    TestServer start() {
        Map<String, Object> props = new java.util.HashMap<>(kmsProperties());
        // A short cache lifetime so a restart is not needed to see a cold cache.
        props.put("hush.key-cache.ttl", "60s");
        props.put("hush.metrics.token", OPERATOR);
        return TestServer.start(dir.resolve("data"), Map.of(), props);
    }

    @BeforeAll
    void setUp() throws IOException {
        startKms();
        dir = Files.createTempDirectory("hush-kms-e2e");
        server = start();
    }

    @AfterAll
    void tearDown() throws IOException {
        if (server != null) {
            server.close();
        }
        stopKms();
        TestFiles.deleteTree(dir);
    }

    String s(String path) { return "/v1/secrets/" + org + "/web/" + path; }

    void restart() {
        server.close();
        server = start();
        owner = Api.anonymous(server.base).withToken(token);
    }

    List<String> storedKekKeyIds() {
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> tx = server.context.getBean(TransactionOperations.class);
        return tx.executeRead(status -> {
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = status.getConnection().createStatement().executeQuery("SELECT kek_key_id, kek_key_version FROM organizations")) {
                while (rs.next()) {
                    ids.add(rs.getString(1) + "@" + rs.getString(2));
                }
            }
            return ids;
        });
    }

    @Test
    @Order(1)
    void aNewUsersKeys_areWrappedByTheKms_andARestartReadsThemBack() {
        Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
        var reg = session.post("/v1/auth/register", Map.of("email", "kms@example.com", "password", "kms end to end password"));
        assertThat(reg.status()).isEqualTo(201);
        orgId = reg.body().at("/org/id").asText();
        org = reg.body().at("/org/slug").asText();
        token = session.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText();
        owner = Api.anonymous(server.base).withToken(token);
        assertThat(owner.post("/v1/projects/" + orgId, Map.of("name", "Web", "slug", "web")).status()).isEqualTo(201);
        List<Map<String, Object>> bulk = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            bulk.add(Map.of("key", "K" + i, "value", "value-" + i));
        }
        assertThat(owner.post(s("dev/bulk"), Map.of("secrets", bulk)).status()).isEqualTo(200);
        assertThat(storedKekKeyIds()).isNotEmpty().allSatisfy(id -> assertThat(id).startsWith(expectedKeyId() + "@"));

        restart();
        assertThat(owner.get(s("dev")).body().get("secrets")).hasSize(30);
        assertThat(owner.get("/health").status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void anOutage_answers503_warmKeysKeepServing_andNothingIsHalfWritten() {
        assertThat(owner.get(s("dev")).status()).as("warms the key cache").isEqualTo(200);
        kmsDown();
        try {
            assertThat(owner.get(s("dev")).body().get("secrets")).as("keys already unwrapped keep serving").hasSize(30);
            var health = Api.anonymous(server.base).withToken(OPERATOR).get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.body().at("/details/rootKey/status").asText()).isEqualTo("DOWN");
            Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
            var reg = session.post("/v1/auth/register", Map.of("email", "during-outage@example.com", "password", "outage password 123"));
            assertThat(reg.status()).as("a new organization needs the KMS").isEqualTo(503);
            assertThat(reg.header("content-type")).startsWith("application/problem+json");
            assertThat(reg.code()).isEqualTo("kms_unavailable");
            var created = owner.post("/v1/orgs", Map.of("name", "During outage", "slug", "made-in-outage"));
            assertThat(created.status()).isEqualTo(503);
        } finally {
            kmsUp();
        }
        assertThat(Api.anonymous(server.base).get("/health").status()).as("recovers by itself").isEqualTo(200);
        Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
        assertThat(session.post("/v1/auth/register", Map.of("email", "during-outage@example.com", "password", "outage password 123")).status())
                .as("nothing was left half-written by the failed attempt").isEqualTo(201);
        assertThat(owner.post("/v1/orgs", Map.of("name", "During outage", "slug", "made-in-outage")).status()).isEqualTo(201);
    }

    @Test
    @Order(3)
    void theServerStartsWhileTheKmsIsDown_serves503_andRecoversWithoutARestart() {
        server.close();
        kmsDown();
        try {
            server = start();
            owner = Api.anonymous(server.base).withToken(token);
            var health = Api.anonymous(server.base).withToken(OPERATOR).get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.body().at("/details/rootKey/details/error").asText()).isEqualTo("kms_unavailable");
            var pull = owner.get(s("dev"));
            assertThat(pull.status()).as("a cold cache needs the KMS").isEqualTo(503);
            assertThat(pull.code()).isEqualTo("kms_unavailable");
        } finally {
            kmsUp();
        }
        assertThat(owner.get(s("dev")).body().get("secrets")).hasSize(30);
        assertThat(Api.anonymous(server.base).get("/health").status()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void afterRootAndProjectKeyRotation_everyValueStillReads() throws Exception {
        rotateInKms();
        Api admin = platformAdmin();
        var rotated = admin.post("/v1/admin/kms/rotate", null);
        assertThat(rotated.status()).as(String.valueOf(rotated.body())).isEqualTo(200);
        int orgs = rotated.body().get("organizations").asInt();
        assertThat(orgs).isGreaterThanOrEqualTo(3);
        assertThat(rotated.body().get("rewrapped").asInt() + rotated.body().get("alreadyCurrent").asInt()).isEqualTo(orgs);
        String version = rotated.body().get("keyVersion").asText();
        assertThat(storedKekKeyIds()).as("every organization key is on the current key version")
                .allSatisfy(id -> assertThat(id).isEqualTo(expectedKeyId() + "@" + version));
        var again = admin.post("/v1/admin/kms/rotate", null).body();
        assertThat(again.get("rewrapped").asInt()).as("re-running is safe and has nothing left to do").isZero();
        assertThat(again.get("alreadyCurrent").asInt()).isEqualTo(orgs);

        var rotateProject = owner.post("/v1/projects/" + orgId + "/web/rotate-key", null);
        assertThat(rotateProject.status()).isEqualTo(200);
        assertThat(rotateProject.body().get("keyVersion").asInt()).isEqualTo(2);
        assertThat(owner.put(s("dev"), Map.of("key", "AFTER", "value", "after-rotation")).status()).isEqualTo(200);
        JsonNode project = awaitReencrypted();
        assertThat(project.at("/keyRotation/remaining").asInt()).isZero();

        restart();
        JsonNode pulled = owner.get(s("dev")).body().get("secrets");
        assertThat(pulled).hasSize(31);
        assertThat(pulled.toString()).contains("value-0", "value-29", "after-rotation");
    }

    JsonNode awaitReencrypted() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JsonNode p = owner.get("/v1/projects/" + orgId + "/web").body();
            if (p.at("/keyRotation/remaining").asInt(-1) == 0) {
                return p;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("re-encryption did not finish");
    }

    /** The first account of the instance is the platform admin: log in as it with a session. */
    Api platformAdmin() {
        Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
        assertThat(session.post("/v1/auth/login", Map.of("email", "kms@example.com", "password", "kms end to end password")).status()).isEqualTo(200);
        return session;
    }
}
