package dev.hush.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A running Hush server, started and stopped in a fixed order: the data directory is checked, the database
 * comes up (the embedded PostgreSQL unless {@code HUSH_DATABASE_URL} is set), then Micronaut and the HTTP
 * server. {@link #close()} reverses it: the HTTP server drains in-flight requests (the grace period), the
 * buffered statistics are flushed, the pool closes, and only then does the embedded PostgreSQL stop.
 */
public final class HushServer implements AutoCloseable {
    public final Path dataDir;
    final Database database;
    public final ApplicationContext context;

    private HushServer(Path dataDir, Database database, ApplicationContext context) {
        this.dataDir = dataDir;
        this.database = database;
        this.context = context;
    }

    public static HushServer start(Path dataDir, Integer port, String host, Map<String, String> env, Map<String, Object> extra) {
        DataDir.prepare(dataDir);
        Database database = Database.forServer(dataDir, env);
        try {
            Map<String, Object> props = new HashMap<>(ServerSettings.properties(dataDir, port, host, database, env));
            props.putAll(extra);
            ApplicationContext context = ApplicationContext.builder().properties(props).banner(false).start();
            try {
                EmbeddedServer server = context.getBean(EmbeddedServer.class);
                if (!server.isRunning()) {
                    server.start();
                }
            } catch (RuntimeException e) {
                context.close();
                throw e;
            }
            return new HushServer(dataDir, database, context);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public EmbeddedServer http() { return context.getBean(EmbeddedServer.class); }

    @Override
    public void close() {
        try {
            if (context.isRunning()) {
                context.close();
            }
        } finally {
            database.close();
        }
    }
}
