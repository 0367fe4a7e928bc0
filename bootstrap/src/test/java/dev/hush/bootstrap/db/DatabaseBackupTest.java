package dev.hush.bootstrap.db;

import dev.hush.bootstrap.DbCommand;
import dev.hush.bootstrap.support.Api;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * {@code hush db backup} of a running server's database and {@code hush db restore} into a new data
 * directory's embedded PostgreSQL: with the root key copied over, the restored server serves the same
 * values to the same token, its audit chain verifies, and the backup holds no value in clear.
 */
class DatabaseBackupTest {
    private static final String CANARY = "backup-canary-5e1d-value";

    @Test
    void backupWhileServing_restoreIntoNewDataDir_servesTheSameValues() throws Exception {
        Path dir = Files.createTempDirectory("hush-backup");
        Path source = dir.resolve("source");
        Path target = dir.resolve("target");
        Path file = dir.resolve("hush-backup.zip");
        String token;
        String org;
        String orgId;
        try (TestServer a = TestServer.start(source)) {
            Api session = Api.withCookies(a.base).header("X-Requested-With", "hush");
            var reg = session.post("/v1/auth/register", Map.of("email", "backup@example.com", "password", "backup password 123"));
            org = reg.body().at("/org/slug").asText();
            orgId = reg.body().at("/org/id").asText();
            token = session.post("/v1/auth/token", Map.of("name", "t")).body().get("token").asText();
            Api api = Api.anonymous(a.base).withToken(token);
            assertThat(api.post("/v1/projects/" + org, Map.of("name", "Web", "slug", "web")).status()).isEqualTo(201);
            for (int i = 0; i < 30; i++) {
                assertThat(api.put("/v1/secrets/" + org + "/web/prod", Map.of("key", "K" + i, "value", CANARY + i)).status()).isEqualTo(200);
            }
            assertThat(api.put("/v1/secrets/" + org + "/web/prod", Map.of("key", "K0", "value", CANARY + "-second")).status()).isEqualTo(200);

            // The server keeps serving while the backup runs.
            assertThat(DbCommand.run(source, TestServer.env(source, Map.of()), file, true)).isZero();
            assertThat(api.get("/v1/secrets/" + org + "/web/prod?keys=K1").status()).isEqualTo(200);
        }
        try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(entries(file)).as("no value or password in clear in the backup").doesNotContain(CANARY).doesNotContain("backup password 123");

            assertThat(DbCommand.run(target, Map.of(), file, false)).isZero();
            Files.copy(source.resolve("root.key"), target.resolve("root.key"));
            try (TestServer b = TestServer.embedded(target, Map.of())) {
                Api api = Api.anonymous(b.base).withToken(token);
                var pulled = api.get("/v1/secrets/" + org + "/web/prod");
                assertThat(pulled.status()).isEqualTo(200);
                assertThat(pulled.body().get("secrets")).hasSize(30);
                assertThat(api.get("/v1/secrets/" + org + "/web/prod?keys=K0").body().at("/secrets/0/value").asText()).isEqualTo(CANARY + "-second");
                assertThat(api.get("/v1/secrets/" + org + "/web/prod/versions/K0").body().toString()).contains("\"version\":1");
                assertThat(api.get("/v1/audit/" + orgId + "/verify").body().get("valid").asBoolean()).isTrue();
                // New rows continue after the restored ones.
                assertThat(api.put("/v1/secrets/" + org + "/web/prod", Map.of("key", "NEW", "value", "after restore")).status()).isEqualTo(200);
                assertThat(Api.withCookies(b.base).header("X-Requested-With", "hush")
                        .post("/v1/auth/login", Map.of("email", "backup@example.com", "password", "backup password 123")).status()).isEqualTo(200);
            }

            // A database that already holds data is refused, and keeps what it has.
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream old = System.err;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                assertThat(DbCommand.run(target, Map.of(), file, false)).isEqualTo(1);
            } finally {
                System.setErr(old);
            }
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("restore into an empty database");
            Path notABackup = dir.resolve("not-a-backup.zip");
            Files.writeString(notABackup, "hello");
            assertThat(DbCommand.run(dir.resolve("third"), Map.of(), notABackup, false)).isEqualTo(1);
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    private static String entries(Path zipFile) throws Exception {
        StringBuilder all = new StringBuilder();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(zipFile))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                all.append(new String(zip.readAllBytes(), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(all).as("the backup has rows").contains("backup@example.com");
        return all.toString();
    }
}
