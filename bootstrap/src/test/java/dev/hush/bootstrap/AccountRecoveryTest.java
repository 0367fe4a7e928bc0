package dev.hush.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Forgot/reset password and e-mail verification, with tokens read from the mail outbox as a user would. */
class AccountRecoveryTest {

    static String lastToken(Path outbox) throws IOException {
        try (Stream<Path> files = Files.list(outbox)) {
            List<Path> sorted = files.sorted().toList();
            String mail = Files.readString(sorted.get(sorted.size() - 1));
            Matcher m = Pattern.compile("\"token\":\"([A-Za-z0-9_-]{43})\"").matcher(mail);
            assertThat(m.find()).isTrue();
            return m.group(1);
        }
    }

    static long mails(Path outbox) throws IOException {
        if (!Files.exists(outbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.count();
        }
    }

    @Test
    void forgot_reset_verify() throws Exception {
        Path dir = Files.createTempDirectory("hush-recovery");
        try (TestServer server = TestServer.start(dir.resolve("data"))) {
            Path outbox = server.dataDir.resolve("outbox");
            Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
            session.post("/v1/auth/register", Map.of("email", "r@example.com", "password", "original password"));
            String oldCookie = Api.withCookies(server.base).post("/v1/auth/login", Map.of("email", "r@example.com", "password", "original password"))
                    .header("set-cookie").split(";")[0];

            var unknown = Api.anonymous(server.base).post("/v1/auth/forgot-password", Map.of("email", "nobody@example.com"));
            var known = Api.anonymous(server.base).post("/v1/auth/forgot-password", Map.of("email", "R@example.com"));
            assertThat(unknown.status()).isEqualTo(202);
            assertThat(known.status()).isEqualTo(202);
            assertThat(unknown.raw().body()).isEqualTo(known.raw().body());
            // The known address's mail leaves from a queue, after the answer (red-team finding 16).
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (mails(outbox) < 1 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(100);
            assertThat(mails(outbox)).isEqualTo(1);
            String reset = lastToken(outbox);

            assertThat(Api.anonymous(server.base).post("/v1/auth/reset-password", Map.of("token", "x".repeat(43), "newPassword", "new password 1"))
                    .code()).isEqualTo("invalid_token");
            assertThat(Api.anonymous(server.base).post("/v1/auth/reset-password", Map.of("token", reset, "newPassword", "new password 1"))
                    .status()).isEqualTo(204);
            assertThat(Api.anonymous(server.base).post("/v1/auth/reset-password", Map.of("token", reset, "newPassword", "new password 2"))
                    .code()).isEqualTo("invalid_token");
            assertThat(Api.anonymous(server.base).header("Cookie", oldCookie).get("/v1/auth/me").status()).isEqualTo(401);
            assertThat(Api.anonymous(server.base).post("/v1/auth/login", Map.of("email", "r@example.com", "password", "new password 1")).status())
                    .isEqualTo(200);

            Api fresh = Api.withCookies(server.base).header("X-Requested-With", "hush");
            fresh.post("/v1/auth/login", Map.of("email", "r@example.com", "password", "new password 1"));
            assertThat(fresh.post("/v1/auth/send-verification", null).status()).isEqualTo(202);
            String verify = lastToken(outbox);
            assertThat(Api.anonymous(server.base).post("/v1/auth/verify-email", Map.of("token", verify)).status()).isEqualTo(204);
            assertThat(Api.anonymous(server.base).post("/v1/auth/verify-email", Map.of("token", verify)).status()).isEqualTo(400);

            // Forgot-password is throttled too, for existing and unknown accounts alike.
            int limited = 0;
            for (int i = 0; i < 12; i++) {
                if (Api.anonymous(server.base).post("/v1/auth/forgot-password", Map.of("email", "nobody@example.com")).status() == 429) {
                    limited++;
                }
            }
            assertThat(limited).isGreaterThan(0);
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
