package dev.hush.bootstrap.kms;

import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.LogCapture;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A third-party root-key provider dropped into {@code <data-dir>/plugins}: the example plugin module, built
 * by the reactor and not on this test's classpath, is loaded from the folder, wraps the organization keys,
 * and serves secrets across a restart. A plugin jar that other users may write is refused.
 */
class PluginFolderTest {
    static Path pluginJar() throws IOException {
        Path target = Path.of("..", "adapters-kms", "kms-example-plugin", "target");
        try (var files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("hush-kms-example-plugin-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().contains("tests")).findFirst()
                    .orElseThrow(() -> new AssertionError("build the reactor first: the example plugin jar is missing in " + target));
        }
    }

    @Test
    void theExamplePlugin_loadsFromThePluginsFolder_andServesSecrets() throws Exception {
        assertThatThrownBy(() -> Class.forName("dev.hush.kms.example.PassphraseRootKeyProvider"))
                .as("the plugin is not on the server's classpath").isInstanceOf(ClassNotFoundException.class);
        Path dir = Files.createTempDirectory("hush-plugin");
        Path data = dir.resolve("data");
        try {
            Path plugins = Files.createDirectories(data.resolve("plugins"));
            Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwx------"));
            Path jar = Files.copy(pluginJar(), plugins.resolve("example-plugin.jar"));
            Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
            Path passphrase = Files.writeString(dir.resolve("passphrase.txt"), "a passphrase of the plugin test");
            Map<String, Object> props = Map.of("hush.kms.provider", "example-passphrase",
                    "hush.kms.example-passphrase.passphrase-file", passphrase.toString());
            LogCapture logs = new LogCapture();
            String token;
            String org;
            try (TestServer server = TestServer.start(data, Map.of(), props)) {
                assertThat(logs.all()).contains("Root key provider 'example-passphrase' from file:" + jar.toAbsolutePath());
                Api session = Api.withCookies(server.base).header("X-Requested-With", "hush");
                var reg = session.post("/v1/auth/register", Map.of("email", "plugin@example.com", "password", "plugin password 123"));
                assertThat(reg.status()).isEqualTo(201);
                org = reg.body().at("/org/slug").asText();
                token = session.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText();
                Api api = Api.anonymous(server.base).withToken(token);
                assertThat(api.post("/v1/projects/" + org, Map.of("name", "Web", "slug", "web")).status()).isEqualTo(201);
                assertThat(api.put("/v1/secrets/" + org + "/web/dev", Map.of("key", "K", "value", "plugin-wrapped")).status()).isEqualTo(200);
                assertThat(KmsMigrationTest.kekKeyIds(server)).allSatisfy(id -> assertThat(id).startsWith("example:"));
            } finally {
                logs.close();
            }
            try (TestServer again = TestServer.start(data, Map.of(), props)) {
                assertThat(Api.anonymous(again.base).withToken(token).get("/v1/secrets/" + org + "/web/dev").body().at("/secrets/0/value").asText())
                        .isEqualTo("plugin-wrapped");
            }
            Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-rw-rw-"));
            assertThatThrownBy(() -> TestServer.start(data, Map.of(), props)).hasStackTraceContaining("may be written by other users");
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
