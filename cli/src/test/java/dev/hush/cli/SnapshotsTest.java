package dev.hush.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotsTest {
    @TempDir
    Path dir;

    private static final Snapshots.Identity DEV = new Snapshots.Identity("http://127.0.0.1:8080", "acme", "web", "dev", List.of());
    private static final Snapshots.Identity PROD = new Snapshots.Identity("http://127.0.0.1:8080", "acme", "web", "prod", List.of());

    @Test
    void aSnapshot_isEncrypted_ownerOnly_andBoundToWhatItIsOf() throws Exception {
        Map<String, String> env = Map.of("HUSH_CONFIG_DIR", dir.resolve("config").toString(), "HUSH_KEYRING", "file", "PATH", "/usr/bin:/bin");
        Snapshots store = new Snapshots(Config.load(env, dir), env);
        store.save(DEV, Map.of("API_KEY", "snapshot-canary"), "\"7-abc\"", Instant.parse("2026-11-30T12:00:00Z"));
        Path file = store.dir().resolve(DEV.fileName());
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("snapshot-canary").doesNotContain("API_KEY");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("config/snapshot.key"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        Snapshots.Snapshot back = store.load(DEV, new StringBuilder());
        assertThat(back.values()).containsEntry("API_KEY", "snapshot-canary");
        assertThat(back.etag()).isEqualTo("\"7-abc\"");
        // Copied over another environment's snapshot, it does not open: the identity is its associated data.
        Files.copy(file, store.dir().resolve(PROD.fileName()));
        StringBuilder why = new StringBuilder();
        assertThat(store.load(PROD, why)).isNull();
        assertThat(why.toString()).contains("cannot be opened");
    }

    /** With a keyring tool on the PATH (here a stand-in for libsecret's secret-tool), the key lives there, not in a file. */
    @Test
    void theKey_goesToTheOsKeyring_whenThereIsOne() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path keyring = dir.resolve("keyring");
        Path tool = Files.writeString(bin.resolve("secret-tool"), """
                #!/bin/sh
                # A stand-in for secret-tool: store reads the secret from stdin, lookup prints it (exit 1 when absent).
                case "$1" in
                  store) echo "$*" > "$FAKE_KEYRING.args"; cat > "$FAKE_KEYRING" ;;
                  lookup) [ -f "$FAKE_KEYRING" ] && cat "$FAKE_KEYRING" || exit 1 ;;
                  *) exit 2 ;;
                esac
                """);
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        Map<String, String> env = Map.of("HUSH_CONFIG_DIR", dir.resolve("config").toString(), "FAKE_KEYRING", keyring.toString(),
                "PATH", bin + ":/usr/bin:/bin");
        Snapshots store = new Snapshots(Config.load(env, dir), env);
        store.save(DEV, Map.of("K", "v"), null, Instant.now());
        assertThat(dir.resolve("config/snapshot.key")).doesNotExist();
        assertThat(Files.readString(keyring).strip()).hasSize(44); // 32 bytes, base64
        assertThat(Files.readString(dir.resolve("keyring.args"))).contains("service hush-cli account snapshot-key");
        assertThat(store.keyLocation()).isEqualTo("keyring:secret-tool");
        assertThat(new Snapshots(Config.load(env, dir), env).load(DEV, new StringBuilder()).values()).containsEntry("K", "v");
        // The keyring emptied: the snapshot cannot be opened, and says so.
        Files.delete(keyring);
        StringBuilder why = new StringBuilder();
        assertThat(store.load(DEV, why)).isNull();
        assertThat(why.toString()).contains("key is gone");
    }
}
