package dev.hush.bootstrap.api.auth;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ten failed logins per account and address (case variants counted together) get 429 with Retry-After, even
 * with the right password; an attacker elsewhere cannot lock the owner out below the account-wide ceiling;
 * registrations are throttled per address.
 */
public class LoginThrottleTest {
    @Test
    public void repeatedFailures_get429_withRetryAfter_andSpoofedForwardedForDoesNotHelp() throws Exception {
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
            assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(limited.header("RateLimit-Reset")).isEqualTo(limited.header("Retry-After"));
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
    public void behindATrustedProxy_theClientAddressComesFromForwardedFor_readFromTheRight() throws Exception {
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
            var audit = session.get("/v1/audit/" + orgId + "?action=project.created");
            assertThat(audit.status()).as(audit.raw().body()).isEqualTo(200);
            var events = audit.body().get("events");
            assertThat(events.findValuesAsText("clientIp")).containsExactly("127.0.0.1", "203.0.113.5");
            // Behind the TLS proxy, the browser's origin is https: X-Forwarded-Proto from the trusted proxy says so.
            String origin = "https://127.0.0.1:" + server.base.getPort();
            assertThat(session.header("X-Forwarded-Proto", "https").header("Origin", origin)
                    .post("/v1/projects/" + orgId, Map.of("name", "C", "slug", "c")).status()).isEqualTo(201);
            assertThat(session.header("Origin", origin).post("/v1/projects/" + orgId, Map.of("name", "D", "slug", "d")).status())
                    .as("https origin without the proxy saying https").isEqualTo(403);

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

    /** Red-team finding 15: ten wrong passwords from an attacker's address do not lock the owner out elsewhere; a hundred from many addresses do. */
    @Test
    public void failuresElsewhere_doNotLockTheOwnerOut_untilTheAccountCeiling() throws Exception {
        Path dir = Files.createTempDirectory("hush-lockout");
        try (TestServer server = TestServer.start(dir.resolve("data"), Map.of(), Map.of("hush.trusted-proxies", "127.0.0.1/32"))) {
            Api.withCookies(server.base).post("/v1/auth/register", Map.of("email", "owner@example.com", "password", "the owner's password"));
            for (int i = 0; i < 10; i++) {
                assertThat(Api.anonymous(server.base).header("X-Forwarded-For", "203.0.113.66")
                        .post("/v1/auth/login", Map.of("email", "owner@example.com", "password", "guess " + i)).status()).isEqualTo(401);
            }
            assertThat(Api.anonymous(server.base).header("X-Forwarded-For", "203.0.113.66")
                    .post("/v1/auth/login", Map.of("email", "owner@example.com", "password", "the owner's password")).status()).isEqualTo(429);
            assertThat(Api.anonymous(server.base).header("X-Forwarded-For", "198.51.100.7")
                    .post("/v1/auth/login", Map.of("email", "owner@example.com", "password", "the owner's password")).status())
                    .as("the owner, at another address").isEqualTo(200);

            // Guessing spread over ten more addresses reaches the account-wide ceiling of 100 (10 already counted).
            for (int a = 0; a < 9; a++) {
                for (int i = 0; i < 10; i++) {
                    Api.anonymous(server.base).header("X-Forwarded-For", "203.0.113." + (100 + a))
                            .post("/v1/auth/login", Map.of("email", "owner@example.com", "password", "guess " + i));
                }
            }
            assertThat(Api.anonymous(server.base).header("X-Forwarded-For", "198.51.100.8")
                    .post("/v1/auth/login", Map.of("email", "owner@example.com", "password", "the owner's password")).status())
                    .as("past the account-wide ceiling").isEqualTo(429);
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    /** Red-team finding 8: registrations are throttled per client address (each costs an Argon2id hash). */
    @Test
    public void registrations_areThrottledPerAddress() throws Exception {
        Path dir = Files.createTempDirectory("hush-register-throttle");
        try (TestServer server = TestServer.start(dir.resolve("data"), Map.of(),
                Map.of("hush.trusted-proxies", "127.0.0.1/32", "hush.register.per-address-per-hour", 3))) {
            for (int i = 0; i < 3; i++) {
                var r = Api.withCookies(server.base).header("X-Forwarded-For", "203.0.113.5")
                        .post("/v1/auth/register", Map.of("email", "bulk" + i + "@example.com", "password", "bulk password 123"));
                assertThat(r.status()).isEqualTo(201);
                // The organization's sealing key pair is there when asked for (made in the background or on demand).
                String orgId = r.body().at("/org/id").asText();
                Api session = Api.withCookies(server.base);
                session.post("/v1/auth/login", Map.of("email", "bulk" + i + "@example.com", "password", "bulk password 123"));
                assertThat(session.get("/v1/orgs/" + orgId + "/public-key").body().get("publicKeyPem").asText()).startsWith("-----BEGIN PUBLIC KEY-----");
            }
            var limited = Api.withCookies(server.base).header("X-Forwarded-For", "203.0.113.5")
                    .post("/v1/auth/register", Map.of("email", "bulk9@example.com", "password", "bulk password 123"));
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.code()).isEqualTo("rate_limited");
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 3601L);
            assertThat(Api.withCookies(server.base).header("X-Forwarded-For", "203.0.113.5")
                    .post("/v1/auth/login", Map.of("email", "bulk9@example.com", "password", "bulk password 123")).status())
                    .as("the refused registration created nothing").isEqualTo(401);
            assertThat(Api.withCookies(server.base).header("X-Forwarded-For", "203.0.113.6")
                    .post("/v1/auth/register", Map.of("email", "other@example.com", "password", "bulk password 123")).status()).isEqualTo(201);
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
