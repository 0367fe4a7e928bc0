package dev.hush.kms.local;

import dev.hush.kms.spi.ConfigProperty;
import dev.hush.kms.spi.KmsException;
import dev.hush.kms.spi.ProviderConfig;
import dev.hush.kms.spi.RootKey;
import dev.hush.kms.spi.RootKeyProvider;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Opens a root key kept in a local file (default {@code <data-dir>/root.key}): 32 random bytes,
 * created on first start with permissions 0600. Suits a single server; production deployments
 * should prefer a KMS.
 */
public final class LocalRootKeyProvider implements RootKeyProvider {
    static final int KEY_BYTES = 32;
    private static final System.Logger LOG = System.getLogger(LocalRootKeyProvider.class.getName());

    @Override
    public String type() { return "local"; }

    @Override
    public List<ConfigProperty> configProperties() {
        return List.of(
                new ConfigProperty("path", false, false, "key file; default <data-dir>/root.key"),
                new ConfigProperty("create", false, false, "create the key file when missing (default true)"));
    }

    @Override
    public RootKey open(ProviderConfig config) {
        Path path = config.get("path").map(Path::of).orElseGet(() -> config.dataDir().resolve("root.key"));
        boolean create = config.get("create").map(Boolean::parseBoolean).orElse(true);
        byte[] key = null;
        try {
            if (!Files.exists(path)) {
                if (!create) {
                    throw new KmsException(KmsException.Kind.KEY_NOT_FOUND, "root key file " + path + " does not exist");
                }
                createKeyFile(path);
            }
            checkPermissions(path);
            key = Files.readAllBytes(path);
            if (key.length != KEY_BYTES) {
                throw new KmsException(KmsException.Kind.MISCONFIGURED,
                        "root key file " + path + " must hold exactly 32 bytes (it holds " + key.length + ")");
            }
            if (looksMadeUp(key)) {
                throw new KmsException(KmsException.Kind.MISCONFIGURED, "root key file " + path
                        + " does not hold random bytes (too few distinct values, such as all zeros): make one with "
                        + "'head -c 32 /dev/urandom', or delete it on a fresh install to have one created");
            }
            return new LocalRootKey(key);
        } catch (IOException e) {
            throw new KmsException(KmsException.Kind.UNAVAILABLE, "cannot read root key file " + path + ": " + e.getClass().getSimpleName(), e);
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /**
     * A key with fewer than 8 distinct byte values (all zeros, a repeated pattern, a typed word) was not made by
     * a random generator: 32 random bytes have about 30 distinct values, and fewer than 8 has a probability
     * far below 2^-100.
     */
    static boolean looksMadeUp(byte[] key) {
        boolean[] seen = new boolean[256];
        int distinct = 0;
        for (byte b : key) {
            if (!seen[b & 0xff]) {
                seen[b & 0xff] = true;
                distinct++;
            }
        }
        return distinct < 8;
    }

    private static void createKeyFile(Path path) throws IOException {
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        byte[] fresh = new byte[KEY_BYTES];
        try {
            new SecureRandom().nextBytes(fresh);
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            // Create with 0600 from the start: no window in which the key is world-readable.
            Files.createFile(path, PosixFilePermissions.asFileAttribute(ownerOnly));
            Files.write(path, fresh);
            LOG.log(System.Logger.Level.INFO, "Created a new root key file {0} (0600). Back it up: without it no secret can be read.", path);
        } catch (FileAlreadyExistsException raced) {
            // another process created it first; use theirs
        } finally {
            Arrays.fill(fresh, (byte) 0);
        }
    }

    private static void checkPermissions(Path path) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new KmsException(KmsException.Kind.MISCONFIGURED,
                        "root key file " + path + " is readable by others; run: chmod 600 " + path);
            }
        } catch (UnsupportedOperationException notPosix) {
            // non-POSIX file system: nothing to check
        }
    }
}
