package dev.hush.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A real Hush server on a random port, configured as the launcher does: H2 in a data dir, or a given JDBC URL. */
final class TestServer implements AutoCloseable {
    final Path dataDir;
    final ApplicationContext context;
    final URI base;

    private TestServer(Path dataDir, ApplicationContext context) {
        this.dataDir = dataDir;
        this.context = context;
        this.base = URI.create("http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort());
    }

    static TestServer h2(Path dataDir) {
        return start(dataDir, Map.of());
    }

    static TestServer postgres(Path dataDir, String jdbcUrl, String user) {
        return start(dataDir, Map.of("HUSH_DATABASE_URL", jdbcUrl, "HUSH_DATABASE_USER", user, "HUSH_DATABASE_PASSWORD", ""));
    }

    static TestServer start(Path dataDir, Map<String, String> env) {
        return start(dataDir, env, Map.of());
    }

    static TestServer start(Path dataDir, Map<String, String> env, Map<String, Object> extra) {
        DataDir.prepare(dataDir);
        Map<String, Object> props = new HashMap<>(ServerSettings.properties(dataDir, null, "127.0.0.1", env));
        props.put("micronaut.server.port", -1);
        props.put("hush.access-counter.flush-interval", "100ms");
        props.put("hush.key-rotation.interval", "200ms");
        props.putAll(extra);
        ApplicationContext ctx = ApplicationContext.builder().properties(props).banner(false).start();
        ctx.getBean(EmbeddedServer.class).start();
        return new TestServer(dataDir, ctx);
    }

    @Override
    public void close() {
        context.close();
    }
}
