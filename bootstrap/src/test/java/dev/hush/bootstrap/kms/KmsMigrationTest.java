package dev.hush.bootstrap.kms;

import dev.hush.bootstrap.KmsCommand;
import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.kms.vault.VaultTransitStandIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code hush kms migrate --from local} with {@code HUSH_KMS_PROVIDER=vault}: every organization key is
 * rewrapped by Vault, the server then starts on Vault and reads every value, a re-run has nothing to do,
 * and the old provider is refused at start with a message that names the command. Also {@code hush kms rotate}.
 */
class KmsMigrationTest {
    @Test
    void migrateFromLocalToVault_thenRotate_keepsEveryValueReadable() throws IOException {
        Path dir = Files.createTempDirectory("hush-migrate");
        Path data = dir.resolve("data");
        try (VaultTransitStandIn vault = new VaultTransitStandIn("s.migrate")) {
            vault.createKey("transit", "hush-root");
            String token;
            String org;
            try (TestServer local = TestServer.start(data)) {
                Api session = Api.withCookies(local.base).header("X-Requested-With", "hush");
                var reg = session.post("/v1/auth/register", Map.of("email", "migrate@example.com", "password", "migrate password 123"));
                org = reg.body().at("/org/slug").asText();
                token = session.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText();
                Api api = Api.anonymous(local.base).withToken(token);
                assertThat(api.post("/v1/projects/" + org, Map.of("name", "Web", "slug", "web")).status()).isEqualTo(201);
                assertThat(api.put("/v1/secrets/" + org + "/web/prod", Map.of("key", "DB", "value", "migrated-value")).status()).isEqualTo(200);
                assertThat(session.post("/v1/orgs", Map.of("name", "Second", "slug", "second-org")).status()).isEqualTo(201);
            }
            Map<String, Object> vaultProps = Map.of("hush.kms.provider", "vault", "hush.kms.vault.address", vault.address(),
                    "hush.kms.vault.token", "s.migrate", "hush.kms.vault.key-name", "hush-root");
            Map<String, String> env = TestServer.env(data, Map.of());
            assertThat(KmsCommand.run(data, env, vaultProps, "local")).isZero();
            assertThat(KmsCommand.run(data, env, vaultProps, "local")).as("a re-run finds nothing left to move").isZero();

            try (TestServer onVault = TestServer.start(data, Map.of(), vaultProps)) {
                Api api = Api.anonymous(onVault.base).withToken(token);
                assertThat(api.get("/v1/secrets/" + org + "/web/prod").body().at("/secrets/0/value").asText()).isEqualTo("migrated-value");
                assertThat(kekKeyIds(onVault)).containsOnly("vault:transit/hush-root");
            }
            assertThatThrownBy(() -> TestServer.start(data)).as("the old provider no longer matches the stored keys")
                    .hasStackTraceContaining("hush kms migrate");

            vault.rotate("transit", "hush-root");
            assertThat(KmsCommand.run(data, env, vaultProps, null)).isZero();
            try (TestServer onVault = TestServer.start(data, Map.of(), vaultProps)) {
                Api api = Api.anonymous(onVault.base).withToken(token);
                assertThat(api.get("/v1/secrets/" + org + "/web/prod").body().at("/secrets/0/value").asText()).isEqualTo("migrated-value");
                assertThat(kekVersions(onVault)).containsOnly("2");
            }
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    static List<String> kekKeyIds(TestServer s) { return column(s, "kek_key_id"); }

    static List<String> kekVersions(TestServer s) { return column(s, "kek_key_version"); }

    static List<String> column(TestServer s, String column) {
        @SuppressWarnings("unchecked")
        io.micronaut.transaction.TransactionOperations<java.sql.Connection> tx = s.context.getBean(io.micronaut.transaction.TransactionOperations.class);
        return tx.executeRead(status -> {
            List<String> out = new java.util.ArrayList<>();
            try (var rs = status.getConnection().createStatement().executeQuery("SELECT " + column + " FROM organizations")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }
}
