package dev.hush.bootstrap.api.secret;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.Test;

/**
 * Associated data binds each ciphertext to its row: copying one secret's stored ciphertext onto another
 * (another key, another environment) makes the read fail with a uniform integrity error, never the other
 * secret's value.
 */
class StoredCiphertextTest {
    @Test
    void swappedCiphertexts_failToOpen() throws Exception {
        Path dir = Files.createTempDirectory("hush-swap");
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            Api cookies = Api.withCookies(server.base).header("X-Requested-With", "hush");
            var reg = cookies.post("/v1/auth/register", Map.of("email", "swap@example.com", "password", "password-for-swap"));
            String org = reg.body().at("/org/slug").asText();
            Api api = Api.anonymous(server.base).withToken(cookies.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText());
            api.post("/v1/projects/" + org, Map.of("name", "App", "slug", "app"));
            api.put("/v1/secrets/" + org + "/app/dev", Map.of("key", "A", "value", "value-of-a"));
            api.put("/v1/secrets/" + org + "/app/dev", Map.of("key", "B", "value", "value-of-b"));
            api.put("/v1/secrets/" + org + "/app/prod", Map.of("key", "A", "value", "value-of-prod-a"));
            assertThat(api.get("/v1/secrets/" + org + "/app/dev?keys=A").body().at("/secrets/0/value").asText()).isEqualTo("value-of-a");

            @SuppressWarnings("unchecked")
            TransactionOperations<Connection> ds = server.context.getBean(TransactionOperations.class);
            byte[] devB = ciphertext(ds, "B", "dev");
            byte[] prodA = ciphertext(ds, "A", "prod");
            overwrite(ds, "A", "dev", devB);
            var swappedKey = api.get("/v1/secrets/" + org + "/app/dev?keys=A");
            assertThat(swappedKey.status()).isEqualTo(500);
            assertThat(swappedKey.code()).isEqualTo("integrity_failure");
            assertThat(swappedKey.raw().body()).doesNotContain("value-of").doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(swappedKey.header("Cache-Control")).as("a 500 too").isEqualTo("no-store");
            assertThat(swappedKey.header("Content-Type")).startsWith("application/problem+json");

            overwrite(ds, "A", "dev", prodA);
            var swappedEnv = api.get("/v1/secrets/" + org + "/app/dev?keys=A");
            assertThat(swappedEnv.code()).isEqualTo("integrity_failure");
            assertThat(swappedEnv.raw().body()).doesNotContain("value-of");

            // The untouched secret still reads.
            assertThat(api.get("/v1/secrets/" + org + "/app/dev?keys=B").body().at("/secrets/0/value").asText()).isEqualTo("value-of-b");
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    private static final String WHERE = " WHERE secret_id = (SELECT s.id FROM secrets s JOIN environments e ON e.id = s.environment_id "
            + "WHERE s.name = ? AND e.slug = ?)";

    private static byte[] ciphertext(TransactionOperations<Connection> tx, String key, String env) {
        return tx.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("SELECT ciphertext FROM secret_versions" + WHERE)) {
                ps.setString(1, key);
                ps.setString(2, env);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    return rs.getBytes(1);
                }
            }
        });
    }

    private static void overwrite(TransactionOperations<Connection> tx, String key, String env, byte[] blob) {
        tx.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement("UPDATE secret_versions SET ciphertext = ?" + WHERE)) {
                ps.setBytes(1, blob);
                ps.setString(2, key);
                ps.setString(3, env);
                assertThat(ps.executeUpdate()).isEqualTo(1);
                return null;
            }
        });
    }
}
