package dev.hush.bootstrap;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns the launcher's options and the {@code HUSH_*} environment into Micronaut properties: the data
 * directory, and the database (H2 file in the data dir unless {@code HUSH_DATABASE_URL} selects PostgreSQL).
 */
final class ServerSettings {
    private ServerSettings() {}

    static Map<String, Object> properties(Path dataDir, Integer port, String host, Map<String, String> env) {
        Map<String, Object> props = new HashMap<>();
        Path dir = dataDir.toAbsolutePath().normalize();
        props.put("hush.data-dir", dir.toString());
        if (port != null) {
            props.put("micronaut.server.port", port);
        }
        if (host != null) {
            props.put("micronaut.server.host", host);
        }
        String url = env.get("HUSH_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            props.put("datasources.default.url", url);
            props.put("datasources.default.driver-class-name", url.startsWith("jdbc:h2:") ? "org.h2.Driver" : "org.postgresql.Driver");
            props.put("datasources.default.username", env.getOrDefault("HUSH_DATABASE_USER", ""));
            props.put("datasources.default.password", env.getOrDefault("HUSH_DATABASE_PASSWORD", ""));
        } else {
            props.put("datasources.default.url", h2Url(dir));
            props.put("datasources.default.driver-class-name", "org.h2.Driver");
            props.put("datasources.default.username", "sa");
            props.put("datasources.default.password", "");
        }
        return props;
    }

    /** One schema for H2 and PostgreSQL: H2 runs in PostgreSQL mode. */
    static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("hush") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }
}
