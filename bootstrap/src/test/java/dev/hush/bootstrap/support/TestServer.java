package dev.hush.bootstrap.support;

import dev.hush.bootstrap.HushServer;
import dev.hush.bootstrap.api.auth.LoginThrottleTest;

import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Hush server on a random port, started as the launcher starts it ({@link HushServer}). By default
 * on the tests' shared PostgreSQL, in a database of its own per data directory (the same one again when a
 * test restarts a server on that directory); {@link #embedded} runs the product's default instead, the
 * embedded PostgreSQL in the data directory.
 */
public final class TestServer implements AutoCloseable {
    public final Path dataDir;
    public final ApplicationContext context;
    public final URI base;
    private final HushServer server;

    private TestServer(HushServer server) {
        this.server = server;
        this.dataDir = server.dataDir;
        this.context = server.context;
        this.base = URI.create("http://127.0.0.1:" + server.http().getPort());
    }

    /** A server on its own database of the shared test PostgreSQL. */
    public static TestServer start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    public static TestServer postgres(Path dataDir, String jdbcUrl, String user) {
        return start(dataDir, Map.of("HUSH_DATABASE_URL", jdbcUrl, "HUSH_DATABASE_USER", user, "HUSH_DATABASE_PASSWORD", ""));
    }

    public static TestServer start(Path dataDir, Map<String, String> env) {
        return start(dataDir, env, Map.of());
    }

    public static TestServer start(Path dataDir, Map<String, String> env, Map<String, Object> extra) {
        return launch(dataDir, env(dataDir, env), extra);
    }

    /** A server that also serves gRPC, on a free port ({@link #grpcPort}); {@code extra} settings besides. */
    public static TestServer withGrpc(Path dataDir, Map<String, Object> extra) {
        int port = freePort();
        Map<String, Object> props = new HashMap<>(extra);
        props.put("grpc.server.enabled", true);
        props.put("hush.grpc.port", port);
        TestServer server = start(dataDir, Map.of(), props);
        server.grpcPort = port;
        return server;
    }

    /** The gRPC port of a server started {@link #withGrpc}, else 0. */
    public int grpcPort;

    /** A port free at the moment. */
    public static int freePort() {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A test that needs a tool from npm ({@code npm ci --prefix bootstrap/src/test/connect-client}, as {@code .ci/run}
     * does): skipped without it, except with {@code CI=true}, where it fails.
     */
    public static void requireNpm(boolean installed, String what) {
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(what + " is not installed: npm ci --prefix bootstrap/src/test/connect-client");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(installed, "npm ci --prefix bootstrap/src/test/connect-client installs " + what);
    }

    /** Exactly the default of {@code hush server}: the embedded PostgreSQL in the data directory. */
    public static TestServer embedded(Path dataDir, Map<String, Object> extra) {
        return launch(dataDir, Map.of(), extra);
    }

    /** {@code env} plus, unless it names a database, this data directory's database on the shared test PostgreSQL. */
    public static Map<String, String> env(Path dataDir, Map<String, String> env) {
        if (env.containsKey("HUSH_DATABASE_URL")) {
            return env;
        }
        Map<String, String> out = new HashMap<>(env);
        out.putAll(TestDatabases.forDataDir(dataDir));
        return out;
    }

    private static TestServer launch(Path dataDir, Map<String, String> env, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("hush.access-counter.flush-interval", "100ms");
        props.put("hush.key-rotation.interval", "200ms");
        // Tests register many accounts from 127.0.0.1; LoginThrottleTest checks the real limit.
        props.put("hush.register.per-address-per-hour", 100_000);
        // gRPC only where a test asks for it (with a free port): many servers run side by side.
        props.put("grpc.server.enabled", false);
        props.putAll(extra);
        return new TestServer(HushServer.start(dataDir, null, "127.0.0.1", env, props));
    }

    @Override
    public void close() {
        server.close();
    }
}
