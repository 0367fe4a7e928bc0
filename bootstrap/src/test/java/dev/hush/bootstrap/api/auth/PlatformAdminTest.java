package dev.hush.bootstrap.api.auth;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Platform admins: the first account of a fresh instance (exactly one, even when registrations race), and
 * an address in HUSH_ADMIN_EMAILS only once its owner has verified it (red-team finding 6).
 */
class PlatformAdminTest {
    /**
     * Two first registrations racing on a fresh instance: the test plays the other one, in a transaction that
     * has inserted its user as the first admin (as RegisterUser does) but not committed yet, so the API's
     * registration also sees no user. Only one can take the first-admin claim: exactly one admin.
     */
    @Test
    void racingFirstRegistrations_makeExactlyOneAdmin() throws Exception {
        Path dir = Files.createTempDirectory("hush-admin-race");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            @SuppressWarnings("unchecked")
            javax.sql.DataSource ds = server.context.getBean(javax.sql.DataSource.class);
            java.util.UUID racer = java.util.UUID.randomUUID();
            Future<Api.Res> registered;
            try (java.sql.Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(ds).getConnection()) {
                c.setAutoCommit(false);
                try (var ps = c.prepareStatement("INSERT INTO users (id, email, name, password_hash, platform_admin, created_at) "
                        + "VALUES (?, 'racer@example.com', 'racer', 'x', true, now())")) {
                    ps.setObject(1, racer);
                    ps.executeUpdate();
                }
                try (var ps = c.prepareStatement("INSERT INTO platform_claims (claim, user_id) VALUES ('first_admin', ?)")) {
                    ps.setObject(1, racer);
                    ps.executeUpdate();
                }
                registered = pool.submit(() -> Api.withCookies(server.base)
                        .post("/v1/auth/register", Map.of("email", "api@example.com", "password", "admin test password")));
                Thread.sleep(700); // the API registration now waits on the claim row
                c.commit();
            }
            Api.Res r = registered.get();
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.body().at("/user/platformAdmin").asBoolean()).as("the racing registration lost the first-admin claim").isFalse();
            try (java.sql.Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(ds).getConnection();
                 var rs = c.createStatement().executeQuery("SELECT count(*) FROM users WHERE platform_admin")) {
                rs.next();
                assertThat(rs.getInt(1)).as("platform admins").isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
            TestFiles.deleteTree(dir);
        }
    }

    @Test
    void listedAddress_isAdminOnlyOnceVerified_alsoWhenListedLater() throws Exception {
        Path dir = Files.createTempDirectory("hush-admins");
        Path data = dir.resolve("data");
        try {
            try (TestServer server = TestServer.start(data)) {
                assertThat(register(server, "first@example.com").at("/user/platformAdmin").asBoolean()).isTrue();
                assertThat(register(server, "second@example.com").at("/user/platformAdmin").asBoolean()).isFalse();
            }
            try (TestServer server = TestServer.start(data, Map.of(), Map.of("hush.admin-emails", "Second@Example.com, ops@example.test"))) {
                // Registering a listed address (in another case) is not enough: anyone could do that first.
                Api squatter = Api.withCookies(server.base).header("X-Requested-With", "hush");
                var reg = squatter.post("/v1/auth/register", Map.of("email", "OPS@example.test", "password", "admin test password"));
                assertThat(reg.status()).isEqualTo(201);
                assertThat(reg.body().at("/user/platformAdmin").asBoolean()).isFalse();
                assertThat(squatter.get("/v1/auth/me").body().at("/user/platformAdmin").asBoolean()).isFalse();
                assertThat(squatter.get("/v1/admin/stats").status()).isEqualTo(403);
                String otherOrg = register(server, "victim@example.com").at("/org/id").asText();
                assertThat(squatter.send("PATCH", "/v1/admin/orgs/" + otherOrg, Map.of("limitOverrides", Map.of("apiRequestsPerMonth", 0))).status())
                        .isEqualTo(403);

                // The address's owner verifies it: now an admin.
                assertThat(squatter.post("/v1/auth/send-verification", null).status()).isEqualTo(202);
                String token = AccountRecoveryTest.lastToken(data.resolve("outbox"));
                assertThat(squatter.post("/v1/auth/verify-email", Map.of("token", token)).status()).isEqualTo(204);
                assertThat(squatter.get("/v1/auth/me").body().at("/user/platformAdmin").asBoolean()).isTrue();
                assertThat(squatter.get("/v1/admin/stats").status()).isEqualTo(200);

                // Listed later, but not verified: not an admin until verified.
                Api second = Api.withCookies(server.base).header("X-Requested-With", "hush");
                second.post("/v1/auth/login", Map.of("email", "second@example.com", "password", "admin test password"));
                assertThat(second.get("/v1/auth/me").body().at("/user/platformAdmin").asBoolean()).isFalse();
                assertThat(second.post("/v1/auth/send-verification", null).status()).isEqualTo(202);
                assertThat(second.post("/v1/auth/verify-email", Map.of("token", AccountRecoveryTest.lastToken(data.resolve("outbox")))).status())
                        .isEqualTo(204);
                assertThat(second.get("/v1/auth/me").body().at("/user/platformAdmin").asBoolean()).isTrue();
            }
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    static com.fasterxml.jackson.databind.JsonNode register(TestServer server, String email) {
        var r = Api.withCookies(server.base).post("/v1/auth/register", Map.of("email", email, "password", "admin test password"));
        assertThat(r.status()).isEqualTo(201);
        return r.body();
    }
}
