package dev.hush.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Platform admins: the first account of a fresh instance, and any address in HUSH_ADMIN_EMAILS (also when listed later). */
class PlatformAdminTest {
    @Test
    void firstAccount_andListedAddresses_arePlatformAdmins() throws Exception {
        Path dir = Files.createTempDirectory("hush-admins");
        Path data = dir.resolve("data");
        try {
            try (TestServer server = TestServer.h2(data)) {
                assertThat(register(server, "first@example.com").at("/user/platformAdmin").asBoolean()).isTrue();
                assertThat(register(server, "second@example.com").at("/user/platformAdmin").asBoolean()).isFalse();
            }
            try (TestServer server = TestServer.start(data, Map.of(), Map.of("hush.admin-emails", "Second@Example.com, boss@example.com"))) {
                assertThat(register(server, "boss@example.com").at("/user/platformAdmin").asBoolean()).isTrue();
                assertThat(register(server, "third@example.com").at("/user/platformAdmin").asBoolean()).isFalse();
                Api second = Api.withCookies(server.base);
                second.post("/v1/auth/login", Map.of("email", "second@example.com", "password", "admin test password"));
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
