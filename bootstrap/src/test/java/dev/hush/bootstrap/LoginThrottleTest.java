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
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
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

    @Test
    void behindATrustedProxy_theClientAddressComesFromForwardedFor_readFromTheRight() throws Exception {
        Path dir = Files.createTempDirectory("hush-proxy");
        try (TestServer server = TestServer.start(dir.resolve("data"), Map.of(), Map.of("hush.trusted-proxies", "127.0.0.1/32, 10.1.0.0/16"))) {
            Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
            String orgId = session.post("/v1/auth/register", Map.of("email", "p@example.com", "password", "proxied password 1"))
                    .body().at("/org/id").asText();
            // A client-written entry (left) and a second trusted proxy (right) are both passed over.
            assertThat(session.header("X-Forwarded-For", "198.51.100.66, 203.0.113.5, 10.1.2.3")
                    .post("/v1/projects/" + orgId, Map.of("name", "A", "slug", "a")).status()).isEqualTo(201);
            // An entry that is not an address stops the walk: the last trusted hop is used.
            assertThat(session.header("X-Forwarded-For", "203.0.113.9, not-an-address")
                    .post("/v1/projects/" + orgId, Map.of("name", "B", "slug", "b")).status()).isEqualTo(201);
            var events = session.get("/v1/audit/" + orgId + "?action=project.created").body().get("events");
            assertThat(events.findValuesAsText("clientIp")).containsExactly("127.0.0.1", "203.0.113.5");

            // The login throttle counts the real clients apart: ten failures from one do not lock out another.
            for (int i = 0; i < 10; i++) {
                Api.anonymous(server.base).header("X-Forwarded-For", "203.0.113.77")
                        .post("/v1/auth/login", Map.of("email", "nobody" + i + "@example.com", "password", "wrong password"));
            }
            assertThat(Api.anonymous(server.base).header("X-Forwarded-For", "203.0.113.77")
                    .post("/v1/auth/login", Map.of("email", "p@example.com", "password", "proxied password 1")).status()).isEqualTo(429);
            assertThat(Api.anonymous(server.base).header("X-Forwarded-For", "203.0.113.78")
                    .post("/v1/auth/login", Map.of("email", "p@example.com", "password", "proxied password 1")).status()).isEqualTo(200);
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
