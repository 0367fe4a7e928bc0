package dev.hush.bootstrap.api.http;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.EmbeddedPg;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthTest {
    /**
     * Red-team finding 18: anyone gets the status alone; the components (and the root key's id) only a
     * platform admin's credential or the operator token shows, and the token works while the database is down.
     */
    @Test
    void health_showsDetailsOnlyToPlatformAdminsAndTheOperatorToken_andReportsADatabaseOutage() throws Exception {
        Path dir = Files.createTempDirectory("hush-health");
        EmbeddedPg pg = new EmbeddedPg(dir.resolve("pg"));
        try (TestServer server = TestServer.start(dir.resolve("data"),
                Map.of("HUSH_DATABASE_URL", pg.jdbcUrl(), "HUSH_DATABASE_USER", "postgres", "HUSH_DATABASE_PASSWORD", ""),
                Map.of("hush.metrics.token", "operator-token-1"))) {
            Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
            session.post("/v1/auth/register", Map.of("email", "first@example.com", "password", "first password 1"));
            String adminToken = session.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText();
            Api other = Api.withCookies(server.base).header("X-Requested-With", "hush");
            other.post("/v1/auth/register", Map.of("email", "second@example.com", "password", "second password 1"));
            String userToken = other.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText();

            var anonymous = Api.anonymous(server.base).get("/health");
            assertThat(anonymous.status()).isEqualTo(200);
            assertThat(anonymous.body().get("status").asText()).isEqualTo("UP");
            assertThat(hasDetails(anonymous.body())).as("no details for anyone: %s", anonymous.body()).isFalse();
            assertThat(anonymous.raw().body()).doesNotContain("keyId").doesNotContain("local:");
            var user = Api.anonymous(server.base).withToken(userToken).get("/health");
            assertThat(hasDetails(user.body())).as("no details for a user who is not a platform admin").isFalse();
            assertThat(hasDetails(Api.anonymous(server.base).withToken("hush_tok_made_up").get("/health").body())).isFalse();

            var admin = Api.anonymous(server.base).withToken(adminToken).get("/health");
            assertThat(admin.body().at("/details/rootKey/status").asText()).isEqualTo("UP");
            assertThat(admin.body().at("/details/database/status").asText()).isEqualTo("UP");
            assertThat(admin.body().at("/details/rootKey/details/keyId").asText()).startsWith("local:");

            pg.close();
            var down = Api.anonymous(server.base).get("/health");
            assertThat(down.status()).isEqualTo(503);
            assertThat(hasDetails(down.body())).isFalse();
            var operator = Api.anonymous(server.base).withToken("operator-token-1").get("/health");
            assertThat(operator.status()).isEqualTo(503);
            assertThat(operator.body().at("/details/database/status").asText()).isEqualTo("DOWN");
            assertThat(operator.body().at("/details/database/details/error").asText()).isEqualTo("database_unavailable");
            assertThat(operator.body().at("/details/rootKey/status").asText()).isEqualTo("UP");
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    static boolean hasDetails(com.fasterxml.jackson.databind.JsonNode health) {
        return health.hasNonNull("details");
    }
}
