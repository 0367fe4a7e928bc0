package dev.hush.bootstrap.kms;

import dev.hush.bootstrap.StartupFailure;
import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server never starts with a root key that cannot open the stored data, and never silently makes a new one. */
class RootKeyStartupTest {
    @Test
    void start_withMissingOrForeignRootKey_refuses() throws Exception {
        Path dir = Files.createTempDirectory("hush-rootkey");
        Path data = dir.resolve("data");
        try {
            try (TestServer server = TestServer.start(data)) {
                Api api = Api.withCookies(server.base);
                assertThat(api.post("/v1/auth/register", Map.of("email", "k@example.com", "password", "password-for-k")).status()).isEqualTo(201);
            }
            Path key = data.resolve("root.key");
            assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            byte[] original = Files.readAllBytes(key);

            Files.delete(key);
            assertThatThrownBy(() -> TestServer.start(data))
                    .satisfies(e -> assertThat(StartupFailure.describe(e)).contains("root key file").contains("does not exist"));
            assertThat(key).doesNotExist();

            byte[] other = new byte[32];
            new SecureRandom().nextBytes(other);
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(key, other);
            assertThatThrownBy(() -> TestServer.start(data))
                    .satisfies(e -> assertThat(StartupFailure.describe(e)).contains("is not the one that wrapped"));

            Files.write(key, original);
            try (TestServer server = TestServer.start(data)) {
                Api api = Api.withCookies(server.base);
                assertThat(api.post("/v1/auth/login", Map.of("email", "k@example.com", "password", "password-for-k")).status()).isEqualTo(200);
            }
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
