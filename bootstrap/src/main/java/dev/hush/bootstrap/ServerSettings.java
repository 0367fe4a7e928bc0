package dev.hush.bootstrap;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns the launcher's options into Micronaut properties: the data directory, the listen address, the
 * database (see {@link Database}) and whether the gRPC server runs.
 */
final class ServerSettings {
    private ServerSettings() {}

    static Map<String, Object> properties(Path dataDir, Integer port, String host, Database database, Map<String, String> env) {
        Map<String, Object> props = new HashMap<>(database.properties());
        Path dir = dataDir.toAbsolutePath().normalize();
        props.put("hush.data-dir", dir.toString());
        if (port != null) {
            props.put("micronaut.server.port", port);
        }
        if (host != null) {
            props.put("micronaut.server.host", host);
        }
        // HUSH_GRPC_PORT: the gRPC API's port (application.yml: 9090 by default, on the HTTP server's host); 0 turns it off.
        String grpc = env.get("HUSH_GRPC_PORT");
        if (grpc != null && grpc.strip().equals("0")) {
            props.put("grpc.server.enabled", false);
        }
        return props;
    }
}
