package dev.hush.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard-to-CLI handoff: start, pending, approve, one token, then the code is spent. */
class CliHandoffTest {
    @Test
    void deviceFlow_givesOneFreshToken_afterApproval() throws Exception {
        Path dir = Files.createTempDirectory("hush-cli");
        try (TestServer server = TestServer.h2(dir.resolve("data"))) {
            Api user = Api.withCookies(server.base).header("X-Requested-With", "hush");
            user.post("/v1/auth/register", Map.of("email", "cli@example.com", "password", "cli password 1"));
            Api cli = Api.anonymous(server.base);
            var started = cli.post("/v1/auth/cli-auth", Map.of());
            assertThat(started.status()).isEqualTo(201);
            String device = started.body().get("deviceCode").asText();
            String code = started.body().get("userCode").asText();
            assertThat(code).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");

            assertThat(cli.post("/v1/auth/cli-auth/token", Map.of("deviceCode", device)).code()).isEqualTo("authorization_pending");
            assertThat(user.post("/v1/auth/cli-auth/approve", Map.of("userCode", "WRNG-CODE")).status()).isEqualTo(404);
            assertThat(user.post("/v1/auth/cli-auth/approve", Map.of("userCode", code.toLowerCase(), "name", "laptop")).status()).isEqualTo(204);
            assertThat(user.post("/v1/auth/cli-auth/approve", Map.of("userCode", code)).status()).isEqualTo(404);

            var token = cli.post("/v1/auth/cli-auth/token", Map.of("deviceCode", device));
            assertThat(token.status()).isEqualTo(201);
            assertThat(token.body().get("name").asText()).isEqualTo("laptop");
            Api withToken = Api.anonymous(server.base).withToken(token.body().get("token").asText());
            assertThat(withToken.get("/v1/auth/me").body().at("/user/email").asText()).isEqualTo("cli@example.com");
            assertThat(cli.post("/v1/auth/cli-auth/token", Map.of("deviceCode", device)).code()).isEqualTo("expired_token");
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
