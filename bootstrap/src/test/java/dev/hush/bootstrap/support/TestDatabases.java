package dev.hush.bootstrap.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * One PostgreSQL 17 for a test JVM, started on first use, with a database per server data directory:
 * creating a database costs milliseconds where starting a PostgreSQL costs a second or more.
 */
public final class TestDatabases {
    private static EmbeddedPg shared;
    private static final Map<Path, String> NAMES = new HashMap<>();

    private TestDatabases() {}

    /** The HUSH_DATABASE_* settings of the database that belongs to {@code dataDir}, created on first use. */
    public static synchronized Map<String, String> forDataDir(Path dataDir) {
        if (shared == null) {
            try {
                Path dir = java.nio.file.Files.createTempDirectory("hush-test-pg");
                shared = new EmbeddedPg(dir.resolve("data"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        Path key = dataDir.toAbsolutePath().normalize();
        String name = NAMES.get(key);
        if (name == null) {
            name = "hush_" + (NAMES.size() + 1);
            try (Connection c = shared.pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            NAMES.put(key, name);
        }
        return Map.of("HUSH_DATABASE_URL", shared.pg.getJdbcUrl("postgres", name), "HUSH_DATABASE_USER", "postgres",
                "HUSH_DATABASE_PASSWORD", "");
    }
}
