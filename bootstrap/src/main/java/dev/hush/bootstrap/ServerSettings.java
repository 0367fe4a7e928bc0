package dev.hush.bootstrap;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns the launcher's options into Micronaut properties: the data directory, the listen address and
 * the database (see {@link Database}).
 */
final class ServerSettings {
    private ServerSettings() {}

    static Map<String, Object> properties(Path dataDir, Integer port, String host, Database database) {
        Map<String, Object> props = new HashMap<>(database.properties());
        Path dir = dataDir.toAbsolutePath().normalize();
        props.put("hush.data-dir", dir.toString());
        if (port != null) {
            props.put("micronaut.server.port", port);
        }
        if (host != null) {
            props.put("micronaut.server.host", host);
        }
        return props;
    }
}
