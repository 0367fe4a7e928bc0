package dev.hush.bootstrap;

import dev.hush.persistence.embedded.EmbeddedDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The database a Hush process uses: the external PostgreSQL that {@code HUSH_DATABASE_URL} names, or the
 * data directory's embedded PostgreSQL. A server starts the embedded one and owns it until it stops; a
 * command such as {@code hush db backup} attaches to the one a running server owns, or starts it itself.
 */
final class Database implements AutoCloseable {
    private final EmbeddedDatabase.Connect connect;
    private final EmbeddedDatabase owned;

    private Database(EmbeddedDatabase.Connect connect, EmbeddedDatabase owned) {
        this.connect = connect;
        this.owned = owned;
    }

    /** For a server: the external database, or the embedded one started now (refused if another process owns it). */
    static Database forServer(Path dataDir, Map<String, String> env) {
        return external(env).orElseGet(() -> {
            EmbeddedDatabase db = EmbeddedDatabase.start(dataDir);
            return new Database(db.connect(), db);
        });
    }

    /** For a command next to a server: the external database, the running server's embedded one, or the embedded one started now. */
    static Database forCommand(Path dataDir, Map<String, String> env) {
        return external(env)
                .or(() -> EmbeddedDatabase.attach(dataDir).map(c -> new Database(c, null)))
                .orElseGet(() -> forServer(dataDir, env));
    }

    private static Optional<Database> external(Map<String, String> env) {
        String url = env.get("HUSH_DATABASE_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new Misconfigured("HUSH_DATABASE_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db); "
                    + "H2 is no longer supported: without HUSH_DATABASE_URL Hush runs an embedded PostgreSQL in its data directory");
        }
        return Optional.of(new Database(new EmbeddedDatabase.Connect(url, env.getOrDefault("HUSH_DATABASE_USER", ""),
                env.getOrDefault("HUSH_DATABASE_PASSWORD", "")), null));
    }

    /** A database setting that cannot work; the message is the whole explanation. */
    static final class Misconfigured extends IllegalArgumentException {
        Misconfigured(String message) { super(message); }
    }

    boolean embedded() { return owned != null; }

    EmbeddedDatabase.Connect connect() { return connect; }

    /** The Micronaut datasource properties. */
    Map<String, Object> properties() {
        Map<String, Object> props = new HashMap<>();
        props.put("datasources.default.url", connect.url());
        props.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        props.put("datasources.default.username", connect.user());
        props.put("datasources.default.password", connect.password());
        return props;
    }

    /** Stops the embedded database if this process started it; an external or attached one is left running. */
    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
