package dev.hush.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CLI's settings, from four places, the first that has a value winning: a command's flag; the environment
 * ({@code HUSH_API_URL}, {@code HUSH_TOKEN}, {@code HUSH_ORG}, {@code HUSH_PROJECT}, {@code HUSH_ENV}); the project file
 * {@code .hush.json} found by walking up from the working directory ({@code hush init} writes it: organization,
 * project and default environment, never a secret or a token); and {@code config.json} in {@code $HUSH_CONFIG_DIR},
 * else {@code $XDG_CONFIG_HOME/hush}, else {@code ~/.config/hush} (the folder 0700, the file 0600: the API URL, the
 * token, the organization and project chosen with {@code use}).
 */
final class Config {
    static final String DEFAULT_API_URL = "http://127.0.0.1:8080";
    static final String PROJECT_FILE = ".hush.json";

    /** A setting and where it came from (for {@code hush status}). */
    record Setting(String value, String source) {}

    private final Path dir;
    private final Map<String, String> env;
    private final Map<String, Object> stored;
    private final Path projectFile;
    private final Map<String, Object> project;

    private Config(Path dir, Map<String, String> env, Map<String, Object> stored, Path projectFile, Map<String, Object> project) {
        this.dir = dir;
        this.env = env;
        this.stored = stored;
        this.projectFile = projectFile;
        this.project = project;
    }

    static Config load(Map<String, String> env, Path cwd) {
        Path dir = directory(env);
        Map<String, Object> stored = read(dir.resolve("config.json"), "delete it and log in again");
        Path found = findProjectFile(cwd);
        Map<String, Object> project = found == null ? Map.of() : read(found, "fix it or run hush init again");
        return new Config(dir, env, stored, found, project);
    }

    private static Map<String, Object> read(Path file, String remedy) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (Files.exists(file)) {
            try {
                out.putAll(JSON.std.mapFrom(Files.readString(file)));
            } catch (IOException e) {
                throw new Failure(Failure.USAGE, "cannot read " + file + ": it is not a JSON object (" + remedy + ")");
            }
        }
        return out;
    }

    /** The nearest {@code .hush.json} at or above {@code cwd}, as git finds {@code .git}; {@code null} when there is none. */
    static Path findProjectFile(Path cwd) {
        for (Path d = cwd == null ? null : cwd.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path candidate = d.resolve(PROJECT_FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
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

    Path dir() { return dir; }

    Path file() { return dir.resolve("config.json"); }

    Optional<Path> projectFile() { return Optional.ofNullable(projectFile); }

    private Setting pick(String flag, String variable, String key, boolean inProjectFile, String fallback) {
        if (flag != null && !flag.isBlank()) {
            return new Setting(flag, "flag");
        }
        String fromEnv = env.get(variable);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Setting(fromEnv.strip(), variable);
        }
        if (inProjectFile && project.get(key) instanceof String s && !s.isBlank()) {
            return new Setting(s, projectFile.toString());
        }
        if (stored.get(key) instanceof String s && !s.isBlank()) {
            return new Setting(s, file().toString());
        }
        return new Setting(fallback, fallback == null ? "not set" : "default");
    }

    Setting apiUrlSetting(String flag) {
        Setting s = pick(flag, "HUSH_API_URL", "apiUrl", true, DEFAULT_API_URL);
        String url = s.value().endsWith("/") ? s.value().substring(0, s.value().length() - 1) : s.value();
        return new Setting(url, s.source());
    }

    String apiUrl(String flag) { return apiUrlSetting(flag).value(); }

    Setting tokenSetting() {
        String t = env.get("HUSH_TOKEN");
        if (t != null && !t.isBlank()) {
            return new Setting(t.strip(), "HUSH_TOKEN");
        }
        return stored.get("token") instanceof String s ? new Setting(s, file().toString()) : new Setting(null, "not logged in");
    }

    String token() { return tokenSetting().value(); }

    /** The token saved by {@code hush login}, ignoring {@code HUSH_TOKEN}. */
    String storedToken() { return (String) stored.get("token"); }

    Setting orgSetting(String flag) { return pick(flag, "HUSH_ORG", "org", true, null); }

    String org(String flag) { return orgSetting(flag).value(); }

    Setting projectSetting(String flag) { return pick(flag, "HUSH_PROJECT", "project", true, "default"); }

    String project(String flag) { return projectSetting(flag).value(); }

    Setting envSetting(String flag) { return pick(flag, "HUSH_ENV", "env", true, "dev"); }

    String environment(String flag) { return envSetting(flag).value(); }

    void set(String key, String value) {
        if (value == null) {
            stored.remove(key);
        } else {
            stored.put(key, value);
        }
    }

    /** Writes atomically, owner-only from the first byte. */
    void save() {
        ensureDir();
        try {
            Path tmp = Files.createTempFile(dir, "config", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(stored));
            Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new Failure(Failure.REFUSED, "cannot write " + file() + ": " + e.getMessage());
        }
    }

    /** The configuration folder, made owner-only if missing. */
    Path ensureDir() {
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return dir;
        } catch (IOException e) {
            throw new Failure(Failure.REFUSED, "cannot create " + dir + ": " + e.getMessage());
        }
    }
}
