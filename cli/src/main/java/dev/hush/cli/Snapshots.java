package dev.hush.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The last values {@code hush run} fetched for each server, organization, project, environment and tag filter, kept so
 * a run can go on while the server is unreachable ({@code --fallback}) or without asking it ({@code --fallback-only}),
 * and so an unchanged environment is not sent again ({@code If-None-Match} with the snapshot's entity tag).
 * <p>
 * Never plaintext on disk: each snapshot is AES-256-GCM (the JDK's provider) under a snapshot key, with the snapshot's
 * identity as associated data (a file renamed to another environment's name does not open). The key is kept in the
 * OS keyring where there is one (Secret Service through {@code secret-tool} on Linux, the login keychain through
 * {@code security} on macOS), else in {@code snapshot.key} (0600) in the configuration folder; {@code HUSH_KEYRING=file}
 * chooses the file. The folder {@code snapshots/} is 0700 and each file 0600.
 */
final class Snapshots {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEYRING_SERVICE = "hush-cli";
    private static final String KEYRING_ACCOUNT = "snapshot-key";

    /** What a snapshot is of. */
    record Identity(String apiUrl, String org, String project, String env, List<String> tags) {
        String text() {
            return "hush-snapshot-v1\n" + apiUrl + "\n" + org + "\n" + project + "\n" + env + "\n" + String.join(",", new java.util.TreeSet<>(tags));
        }

        String fileName() {
            try {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(text().getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(d, 0, 16) + ".snap";
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A snapshot's values (by name), the entity tag the server gave them and when they were fetched. */
    record Snapshot(Map<String, String> values, String etag, Instant fetchedAt) {
        Duration age(Instant now) { return Duration.between(fetchedAt, now); }

        @Override
        public String toString() { return "Snapshot[" + values.size() + " values, " + fetchedAt + "]"; }
    }

    private final Config config;
    private final Map<String, String> env;

    Snapshots(Config config, Map<String, String> env) {
        this.config = config;
        this.env = env;
    }

    Path dir() { return config.dir().resolve("snapshots"); }

    static int count(Config config) {
        Path dir = config.dir().resolve("snapshots");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.snap")) {
            for (Path ignored : files) {
                n++;
            }
        } catch (IOException e) {
            return 0;
        }
        return n;
    }

    /** The snapshot of {@code id}, or {@code null} when there is none (or it cannot be opened: then {@code why} says so). */
    Snapshot load(Identity id, StringBuilder why) {
        Path file = dir().resolve(id.fileName());
        if (!Files.exists(file)) {
            return null;
        }
        byte[] key = key(false);
        if (key == null) {
            why.append("its key is gone");
            return null;
        }
        try {
            byte[] sealed = Files.readAllBytes(file);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
            gcm.updateAAD(id.text().getBytes(StandardCharsets.UTF_8));
            byte[] plain = gcm.doFinal(sealed, 12, sealed.length - 12);
            try {
                Map<String, Object> json = JSON.std.mapFrom(new String(plain, StandardCharsets.UTF_8));
                Map<String, String> values = new TreeMap<>();
                @SuppressWarnings("unchecked")
                Map<String, Object> stored = (Map<String, Object>) json.get("values");
                stored.forEach((k, v) -> values.put(k, (String) v));
                return new Snapshot(values, (String) json.get("etag"), Instant.parse((String) json.get("fetchedAt")));
            } finally {
                java.util.Arrays.fill(plain, (byte) 0);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            why.append("it cannot be opened (another snapshot key, or a damaged file)");
            return null;
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    /** Keeps {@code values} as the snapshot of {@code id}, replacing the previous one atomically. */
    void save(Identity id, Map<String, String> values, String etag, Instant fetchedAt) {
        byte[] key = key(true);
        byte[] plain = null;
        try {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("etag", etag);
            json.put("fetchedAt", fetchedAt.toString());
            json.put("values", new TreeMap<>(values));
            plain = JSON.std.asBytes(json);
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(id.text().getBytes(StandardCharsets.UTF_8));
            byte[] sealed = gcm.doFinal(plain);
            Path dir = ownerOnlyDir(dir());
            Path tmp = Files.createTempFile(dir, "snap", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            byte[] out = new byte[12 + sealed.length];
            System.arraycopy(nonce, 0, out, 0, 12);
            System.arraycopy(sealed, 0, out, 12, sealed.length);
            Files.write(tmp, out);
            Files.move(tmp, dir.resolve(id.fileName()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | GeneralSecurityException e) {
            throw new Failure(Failure.REFUSED, "cannot keep the snapshot in " + dir() + ": " + e.getMessage());
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
            if (plain != null) {
                java.util.Arrays.fill(plain, (byte) 0);
            }
        }
    }

    private static Path ownerOnlyDir(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return dir;
    }

    /** Where the key is: {@code keyring:secret-tool}, {@code keyring:security} or the key file's path. */
    String keyLocation() {
        Path file = keyFile();
        if (Files.exists(file)) {
            return file.toString();
        }
        Path tool = keyringTool();
        return tool == null ? file.toString() : "keyring:" + tool.getFileName();
    }

    private Path keyFile() { return config.dir().resolve("snapshot.key"); }

    /** The snapshot key; made when {@code create} and missing. */
    private byte[] key(boolean create) {
        Path file = keyFile();
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).strip());
            }
            Path tool = keyringTool();
            if (tool != null) {
                String stored = keyringLookup(tool);
                if (stored != null) {
                    return Base64.getDecoder().decode(stored);
                }
                if (!create) {
                    return null;
                }
                byte[] key = fresh();
                if (keyringStore(tool, Base64.getEncoder().encodeToString(key))) {
                    return key;
                }
                // The keyring refused (no session bus, locked): the file below.
                java.util.Arrays.fill(key, (byte) 0);
            }
            if (!create) {
                return null;
            }
            byte[] key = fresh();
            config.ensureDir();
            Path tmp = Files.createTempFile(config.dir(), "key", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException | IllegalArgumentException e) {
            throw new Failure(Failure.REFUSED, "cannot read or make the snapshot key " + file + ": " + e.getMessage());
        }
    }

    private static byte[] fresh() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /**
     * The keyring's command line tool found on the {@code PATH} of the environment given (an absolute path: the JVM
     * would search its own), or {@code null} (or with {@code HUSH_KEYRING=file}).
     */
    private Path keyringTool() {
        if ("file".equals(env.get("HUSH_KEYRING"))) {
            return null;
        }
        for (String tool : List.of("secret-tool", "security")) {
            if (tool.equals("security") && !System.getProperty("os.name", "").startsWith("Mac")) {
                continue;
            }
            for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                    return Path.of(dir, tool).toAbsolutePath();
                }
            }
        }
        return null;
    }

    private static boolean isSecretTool(Path tool) { return tool.getFileName().toString().equals("secret-tool"); }

    private String keyringLookup(Path tool) {
        List<String> command = isSecretTool(tool)
                ? List.of(tool.toString(), "lookup", "service", KEYRING_SERVICE, "account", KEYRING_ACCOUNT)
                : List.of(tool.toString(), "find-generic-password", "-s", KEYRING_SERVICE, "-a", KEYRING_ACCOUNT, "-w");
        Result r = exec(command, null);
        return r.code == 0 && !r.out.isBlank() ? r.out.strip() : null;
    }

    private boolean keyringStore(Path tool, String secret) {
        // secret-tool reads the secret from standard input; security takes it as an argument (the keychain's own API).
        return isSecretTool(tool)
                ? exec(List.of(tool.toString(), "store", "--label=hush CLI snapshot key", "service", KEYRING_SERVICE, "account", KEYRING_ACCOUNT),
                        secret).code == 0
                : exec(List.of(tool.toString(), "add-generic-password", "-U", "-s", KEYRING_SERVICE, "-a", KEYRING_ACCOUNT, "-w", secret), null).code == 0;
    }

    private record Result(int code, String out) {}

    private Result exec(List<String> command, String stdin) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return new Result(-1, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "");
        }
    }
}
