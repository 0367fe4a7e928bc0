package dev.hush.bootstrap.api.auth;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

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
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            Api user = Api.withCookies(server.base).header("X-Requested-With", "hush");
            user.post("/v1/auth/register", Map.of("email", "cli@example.com", "password", "cli password 1"));
            Api cli = Api.anonymous(server.base);
            var started = cli.post("/v1/auth/cli-auth", Map.of());
            assertThat(started.status()).isEqualTo(201);
            String device = started.body().get("deviceCode").asText();
            String code = started.body().get("userCode").asText();
            assertThat(code).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
            // The link is the server's real address (the default used to be cut at its colons: "8080/v1/...").
            assertThat(started.body().get("verificationUrl").asText()).isEqualTo(server.base + "/device?code=" + started.body().get("userCode").asText());

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

    /** Red-team finding 15: user codes cannot be guessed in bulk; ten wrong codes and approvals get 429, even the right one. */
    @Test
    void wrongCodes_areThrottled() throws Exception {
        Path dir = Files.createTempDirectory("hush-cli-guess");
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            Api user = Api.withCookies(server.base).header("X-Requested-With", "hush");
            user.post("/v1/auth/register", Map.of("email", "guesser@example.com", "password", "cli password 1"));
            String code = Api.anonymous(server.base).post("/v1/auth/cli-auth", Map.of()).body().get("userCode").asText();
            for (int i = 0; i < 10; i++) {
                assertThat(user.post("/v1/auth/cli-auth/approve", Map.of("userCode", "WRNG-" + (1000 + i))).status()).isEqualTo(404);
            }
            var limited = user.post("/v1/auth/cli-auth/approve", Map.of("userCode", "WRNG-9999"));
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isNotNull();
            assertThat(user.post("/v1/auth/cli-auth/approve", Map.of("userCode", code)).status()).as("refused before looking the code up").isEqualTo(429);
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    /** HUSH_PUBLIC_URL, when set, is the base of every link (a trailing slash is dropped). */
    @Test
    void links_useThePublicUrl_whenSet() throws Exception {
        Path dir = Files.createTempDirectory("hush-cli-url");
        try (TestServer server = TestServer.start(dir.resolve("data"), Map.of(), Map.of("hush.public-url", "https://hush.example.com/"))) {
            var started = Api.anonymous(server.base).post("/v1/auth/cli-auth", Map.of());
            assertThat(started.body().get("verificationUrl").asText()).isEqualTo("https://hush.example.com/device?code=" + started.body().get("userCode").asText());
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
