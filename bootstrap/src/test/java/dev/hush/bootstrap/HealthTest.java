package dev.hush.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code /health}: 200 while the database and the root key are fine, 503 naming the failing component when the database is down. */
class HealthTest {
    @Test
    void health_reportsDatabaseOutage() throws Exception {
        Path dir = Files.createTempDirectory("hush-health");
        EmbeddedPg pg = new EmbeddedPg(dir.resolve("pg"));
        try (TestServer server = TestServer.postgres(dir.resolve("data"), pg.jdbcUrl(), "postgres")) {
            var up = Api.anonymous(server.base).get("/health");
            assertThat(up.status()).isEqualTo(200);
            assertThat(up.body().get("status").asText()).isEqualTo("UP");
            assertThat(up.body().at("/details/rootKey/status").asText()).isEqualTo("UP");
            assertThat(up.body().at("/details/database/status").asText()).isEqualTo("UP");

            pg.close();
            var down = Api.anonymous(server.base).get("/health");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.body().at("/details/database/status").asText()).isEqualTo("DOWN");
            assertThat(down.body().at("/details/rootKey/status").asText()).isEqualTo("UP");
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
