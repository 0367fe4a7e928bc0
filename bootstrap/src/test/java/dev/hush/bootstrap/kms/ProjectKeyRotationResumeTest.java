package dev.hush.bootstrap.kms;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.application.keys.RotateProjectKey;
import io.micronaut.transaction.TransactionOperations;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A project key rotation with more values than one batch: every value reads before, during and after it,
 * new writes use the new key at once, and the job resumes after a restart from its stored cursor until no
 * value uses the old key.
 */
class ProjectKeyRotationResumeTest {
    static final int VALUES = RotateProjectKey.BATCH + 100;
    /** The job only runs when the test says so. */
    static final Map<String, Object> MANUAL = Map.of("hush.key-rotation.interval", "1h");

    @Test
    void readsThroughout_newWritesUseTheNewKey_andTheJobResumesAfterARestart() throws Exception {
        Path dir = Files.createTempDirectory("hush-rotation-resume");
        try {
            String token;
            String org;
            String orgId;
            try (TestServer server = TestServer.start(dir.resolve("data"), Map.of(), MANUAL)) {
                Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
                var reg = session.post("/v1/auth/register", Map.of("email", "rotate@example.com", "password", "rotation password 1"));
                org = reg.body().at("/org/slug").asText();
                orgId = reg.body().at("/org/id").asText();
                token = session.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText();
                Api api = Api.anonymous(server.base).withToken(token);
                assertThat(api.post("/v1/projects/" + orgId, Map.of("name", "App", "slug", "app")).status()).isEqualTo(201);
                for (int start = 0; start < VALUES; start += 1000) { // a bulk import takes at most 1,000
                    List<Map<String, Object>> secrets = new ArrayList<>();
                    for (int i = start; i < Math.min(VALUES, start + 1000); i++) {
                        secrets.add(Map.of("key", "K" + i, "value", "value-" + i));
                    }
                    assertThat(api.post("/v1/secrets/" + org + "/app/dev/bulk", Map.of("secrets", secrets)).status()).isEqualTo(200);
                }
                assertThat(keyVersions(server)).isEqualTo(Map.of(1, (long) VALUES));

                var rotated = api.post("/v1/projects/" + orgId + "/app/rotate-key", null);
                assertThat(rotated.status()).isEqualTo(200);
                assertThat(rotated.body().at("/keyRotation/targetVersion").asInt()).isEqualTo(2);
                assertThat(rotated.body().at("/keyRotation/remaining").asLong()).isEqualTo(VALUES);
                assertEveryValueReads(api, org);
                assertThat(api.put("/v1/secrets/" + org + "/app/dev", Map.of("key", "NEW", "value", "new-value")).status()).isEqualTo(200);
                assertThat(keyVersions(server)).as("the new write uses the new key at once").isEqualTo(Map.of(1, (long) VALUES, 2, 1L));

                assertThat(server.context.getBean(RotateProjectKey.class).step()).isTrue();
                JsonNode progress = api.get("/v1/projects/" + orgId + "/app").body().get("keyRotation");
                assertThat(progress.get("reencrypted").asLong()).isEqualTo(RotateProjectKey.BATCH);
                assertThat(progress.get("finishedAt").isNull()).isTrue();
                Map<Integer, Long> half = keyVersions(server);
                assertThat(half.get(1) + half.get(2)).isEqualTo(VALUES + 1L);
                // One batch in secret-id order: NEW, already on the new key, may be among it (and left alone).
                assertThat(half.get(1)).isBetween((long) VALUES - RotateProjectKey.BATCH, (long) VALUES - RotateProjectKey.BATCH + 1);
                assertEveryValueReads(api, org);
            }
            try (TestServer server = TestServer.start(dir.resolve("data"), Map.of(), MANUAL)) {
                Api api = Api.anonymous(server.base).withToken(token);
                JsonNode progress = api.get("/v1/projects/" + orgId + "/app").body().get("keyRotation");
                assertThat(progress.get("reencrypted").asLong()).as("the cursor survived the restart").isEqualTo(RotateProjectKey.BATCH);
                assertEveryValueReads(api, org);
                assertThat(server.context.getBean(RotateProjectKey.class).step()).isTrue();
                progress = api.get("/v1/projects/" + orgId + "/app").body().get("keyRotation");
                assertThat(progress.get("remaining").asLong()).isZero();
                assertThat(progress.get("finishedAt").isNull()).isFalse();
                assertThat(keyVersions(server)).as("no value uses the old key").isEqualTo(Map.of(2, (long) VALUES + 1));
                assertEveryValueReads(api, org);
                assertThat(api.get("/v1/secrets/" + org + "/app/dev?keys=NEW").body().at("/secrets/0/value").asText()).isEqualTo("new-value");
            }
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    static void assertEveryValueReads(Api api, String org) {
        JsonNode all = api.get("/v1/secrets/" + org + "/app/dev").body().get("secrets");
        Map<String, String> values = new TreeMap<>();
        all.forEach(s -> values.put(s.get("key").asText(), s.get("value").asText()));
        for (int i = 0; i < VALUES; i++) {
            assertThat(values.get("K" + i)).isEqualTo("value-" + i);
        }
    }

    /** How many stored values use each data key version (the version is in the envelope's header). */
    static Map<Integer, Long> keyVersions(TestServer server) {
        @SuppressWarnings("unchecked")
        TransactionOperations<Connection> tx = server.context.getBean(TransactionOperations.class);
        return tx.executeRead(status -> {
            Map<Integer, Long> out = new TreeMap<>();
            try (PreparedStatement ps = status.getConnection().prepareStatement("SELECT ciphertext FROM secret_versions");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.merge(ByteBuffer.wrap(rs.getBytes(1), 1, 4).getInt(), 1L, Long::sum);
                }
            }
            return out;
        });
    }
}
