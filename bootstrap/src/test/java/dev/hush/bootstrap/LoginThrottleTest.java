package dev.hush.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ten failed logins per account (case variants counted together) get 429 with Retry-After, even with the right password. */
class LoginThrottleTest {
    @Test
    void repeatedFailures_get429_withRetryAfter_andSpoofedForwardedForDoesNotHelp() throws Exception {
        Path dir = Files.createTempDirectory("hush-throttle");
        try (TestServer server = TestServer.h2(dir.resolve("data"))) {
            Api.withCookies(server.base).post("/v1/auth/register", Map.of("email", "t@example.com", "password", "the right password"));
            for (int i = 0; i < 10; i++) {
                String email = i % 2 == 0 ? "t@example.com" : "T@Example.COM";
                var r = Api.anonymous(server.base).header("X-Forwarded-For", "10.0.0." + i)
                        .post("/v1/auth/login", Map.of("email", email, "password", "wrong password " + i));
                assertThat(r.status()).isEqualTo(401);
            }
            var limited = Api.anonymous(server.base).header("X-Forwarded-For", "10.9.9.9")
                    .post("/v1/auth/login", Map.of("email", "t@example.com", "password", "the right password"));
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.code()).isEqualTo("rate_limited");
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 15 * 60L + 1);
            assertThat(limited.raw().headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
            // Another account from the same address is throttled too (the address counter reached 10).
            Api.withCookies(server.base).post("/v1/auth/register", Map.of("email", "u@example.com", "password", "another password"));
            assertThat(Api.anonymous(server.base).post("/v1/auth/login", Map.of("email", "u@example.com", "password", "another password"))
                    .status()).isEqualTo(429);
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
