package dev.hush.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CLI's settings: {@code config.json} in {@code $HUSH_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/hush},
 * else {@code ~/.config/hush}; the folder 0700, the file 0600. It holds the API URL, the token, the
 * organization and the project, never a secret value. The environment ({@code HUSH_API_URL},
 * {@code HUSH_TOKEN}, {@code HUSH_ORG}, {@code HUSH_PROJECT}) overrides it.
 */
final class Config {
    static final String DEFAULT_API_URL = "http://127.0.0.1:8080";

    private final Path dir;
    private final Map<String, String> env;
    private final Map<String, Object> stored;

    private Config(Path dir, Map<String, String> env, Map<String, Object> stored) {
        this.dir = dir;
        this.env = env;
        this.stored = stored;
    }

    static Config load(Map<String, String> env) {
        Path dir = directory(env);
        Path file = dir.resolve("config.json");
        Map<String, Object> stored = new LinkedHashMap<>();
        if (Files.exists(file)) {
            try {
                stored.putAll(JSON.std.mapFrom(Files.readString(file)));
            } catch (IOException e) {
                throw new Failure(Failure.USAGE, "cannot read " + file + ": " + e.getMessage() + " (delete it and log in again)");
            }
        }
        return new Config(dir, env, stored);
    }

    static Path directory(Map<String, String> env) {
        String explicit = env.get("HUSH_CONFIG_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "hush");
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config", "hush");
    }

    Path file() { return dir.resolve("config.json"); }

    String apiUrl(String override) {
        String url = override != null ? override : env.getOrDefault("HUSH_API_URL", (String) stored.getOrDefault("apiUrl", DEFAULT_API_URL));
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    String token() {
        String t = env.get("HUSH_TOKEN");
        return t != null && !t.isBlank() ? t.strip() : (String) stored.get("token");
    }

    /** The token saved by {@code hush login}, ignoring {@code HUSH_TOKEN}. */
    String storedToken() { return (String) stored.get("token"); }

    String org() { return env.getOrDefault("HUSH_ORG", (String) stored.get("org")); }

    String project(String override) {
        if (override != null) {
            return override;
        }
        return env.getOrDefault("HUSH_PROJECT", (String) stored.getOrDefault("project", "default"));
    }

    void set(String key, String value) {
        if (value == null) {
            stored.remove(key);
        } else {
            stored.put(key, value);
        }
    }

    /** Writes atomically, owner-only from the first byte. */
    void save() {
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path tmp = Files.createTempFile(dir, "config", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(stored));
            Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new Failure(Failure.REFUSED, "cannot write " + file() + ": " + e.getMessage());
        }
    }
}
