package dev.hush.bootstrap.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

public final class TestFiles {
    private TestFiles() {}

    /** No regular file below {@code root} holds {@code text} (read as bytes: a value in clear would show up). */
    public static void assertNoFileContains(Path root, String text) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                org.assertj.core.api.Assertions.assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(f.toString()).doesNotContain(text);
            }
        }
    }

    /**
     * Stops {@code server} (if started), checks that no file of its data directory ({@code dir/data}) contains
     * {@code canary} in clear, and removes {@code dir} whatever happened.
     */
    public static void stopAndSweep(TestServer server, Path dir, String canary) throws IOException {
        try {
            if (server != null) {
                server.close();
            }
            assertNoFileContains(dir.resolve("data"), canary);
        } finally {
            deleteTree(dir);
        }
    }

    public static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
