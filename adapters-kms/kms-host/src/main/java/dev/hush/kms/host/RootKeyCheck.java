package dev.hush.kms.host;

import java.util.List;

/**
 * Refuses to run with a root key that did not wrap the stored organization keys (a regenerated or
 * swapped key file, a wrong KMS key): better no start than a server whose every read fails.
 */
public final class RootKeyCheck {
    private RootKeyCheck() {}

    /** The configured root key is not the one that wrapped the stored keys. */
    public static final class RootKeyMismatch extends RuntimeException {
        RootKeyMismatch(String message) { super(message); }
    }

    public static void verify(String configuredKeyId, List<String> storedKeyIds) {
        List<String> foreign = storedKeyIds.stream().filter(id -> !id.equals(configuredKeyId)).distinct().toList();
        if (!foreign.isEmpty()) {
            throw new RootKeyMismatch("the configured root key (" + configuredKeyId + ") is not the one that wrapped the stored "
                    + "organization keys (" + String.join(", ", foreign) + "). Restore the original root key or KMS configuration, or move the "
                    + "keys with `hush kms migrate --from <provider>`.");
        }
    }
}
