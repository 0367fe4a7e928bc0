package dev.hush.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Not a command: the training run of the CLI's class-data sharing archive. The {@code hush} launcher runs it once per
 * Java release with {@code -XX:DumpLoadedClassList}, then dumps the classes it loaded into a static archive that later
 * client commands map instead of loading and verifying them (picocli's classes are of an old class-file version, which
 * only a static archive holds). It runs the common paths offline, in a throw-away configuration folder: a
 * {@code run} from a snapshot, a {@code run} whose server does not answer (the sealed-retrieval key, the HTTP client),
 * sealing a value to an X25519 key, and the help of every command.
 */
final class Training {
    private Training() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("hush-training");
        try {
            Map<String, String> env = Map.of("HUSH_CONFIG_DIR", dir.toString(), "HUSH_KEYRING", "file",
                    "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            Config config = Config.load(env, dir);
            new Snapshots(config, env).save(new Snapshots.Identity(Config.DEFAULT_API_URL, "acme", "web", "dev", List.of()), Map.of("KEY", "value"),
                    "\"1-0\"", Instant.now());
            String unreachable = "http://127.0.0.1:9";
            for (String[] line : List.of(
                    new String[] {"run", "--org", "acme", "--project", "web", "--env", "dev", "--fallback-only", "--", "true"},
                    new String[] {"--api-url", unreachable, "--org", "acme", "run", "--project", "web", "--fallback", "--", "true"},
                    new String[] {"--api-url", unreachable, "--org", "acme", "--json", "secrets", "list", "--project", "web"},
                    new String[] {"status"}, new String[] {"--help"}, new String[] {"projet"})) {
                HushCli.run(line, env, dir, quiet, quiet, java.io.InputStream.nullInputStream());
            }
            Sealing.Ephemeral org = Sealing.ephemeralX25519();
            new Sealing.ToOrg(Map.of("x25519PublicKey", org.publicB64(), "orgId", "00000000-0000-0000-0000-000000000000"), "web", "dev")
                    .seal("KEY", "value");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
