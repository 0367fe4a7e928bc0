package dev.hush.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The data directory: created owner-only (0700) on first start; it holds the embedded database and the
 * local root key. A directory that cannot be written is refused at start with one clear line, instead of a
 * server that says UP and then fails every request.
 */
final class DataDir {
    private DataDir() {}

    static void prepare(Path dir) {
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir);
                try {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException notPosix) {
                    // non-POSIX file system
                }
            }
        } catch (IOException e) {
            throw new DataDirException("cannot create the data directory " + dir.toAbsolutePath().normalize() + " (" + e.getMessage() + ")");
        }
        // Root ignores permission bits: only an actual write tells whether the directory can be written.
        Path probe = dir.resolve(".hush-write-test");
        try {
            Files.deleteIfExists(probe);
            Files.writeString(probe, "ok");
            Files.delete(probe);
        } catch (IOException e) {
            throw new DataDirException("the data directory " + dir.toAbsolutePath().normalize() + " cannot be written ("
                    + e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase() + ")");
        }
        // It holds the root key and the database: owner-only, also when someone else made it.
        try {
            var permissions = Files.getPosixFilePermissions(dir);
            if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                org.slf4j.LoggerFactory.getLogger(DataDir.class).warn("The data directory {} was open to other users: made owner-only (0700)",
                        dir.toAbsolutePath().normalize());
            }
        } catch (UnsupportedOperationException notPosix) {
            // non-POSIX file system: nothing to tighten
        } catch (IOException e) {
            throw new DataDirException("cannot make the data directory " + dir.toAbsolutePath().normalize() + " owner-only (" + e.getMessage() + ")");
        }
    }

    /** A data directory the server cannot use; its message is the whole explanation. */
    static final class DataDirException extends IllegalStateException {
        DataDirException(String message) { super(message); }
    }
}
