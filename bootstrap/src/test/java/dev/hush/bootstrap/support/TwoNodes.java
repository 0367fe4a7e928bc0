package dev.hush.bootstrap.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Two servers on one embedded PostgreSQL with the same local root key, as two nodes of one deployment, in a temporary
 * directory that {@link #close} removes with everything in it.
 */
public final class TwoNodes implements AutoCloseable {
    public final TestServer a;
    public final TestServer b;
    private final Path dir;
    private final EmbeddedPg pg;

    private TwoNodes(Path dir, EmbeddedPg pg, TestServer a, TestServer b) {
        this.dir = dir;
        this.pg = pg;
        this.a = a;
        this.b = b;
    }

    /** {@code props}: Micronaut properties both nodes start with. */
    public static TwoNodes start(String name, Map<String, Object> props) throws IOException {
        return start(name, props, props);
    }

    /** Each node with its own Micronaut properties. */
    public static TwoNodes start(String name, Map<String, Object> propsA, Map<String, Object> propsB) throws IOException {
        Path dir = Files.createTempDirectory(name);
        EmbeddedPg pg = null;
        TestServer a = null;
        try {
            pg = new EmbeddedPg(dir.resolve("pg"));
            Map<String, String> env = Map.of("HUSH_DATABASE_URL", pg.jdbcUrl(), "HUSH_DATABASE_USER", "postgres", "HUSH_DATABASE_PASSWORD", "");
            a = TestServer.start(dir.resolve("a"), env, propsA);
            Files.createDirectories(dir.resolve("b"));
            Files.copy(dir.resolve("a").resolve("root.key"), dir.resolve("b").resolve("root.key"));
            return new TwoNodes(dir, pg, a, TestServer.start(dir.resolve("b"), env, propsB));
        } catch (IOException | RuntimeException e) {
            if (a != null) {
                a.close();
            }
            if (pg != null) {
                pg.close();
            }
            TestFiles.deleteTree(dir);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            b.close();
            a.close();
            pg.close();
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
