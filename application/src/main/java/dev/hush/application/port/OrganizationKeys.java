package dev.hush.application.port;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Organizations' wrapped key-encryption keys: read for unwrapping, and rewrapped when the root key rotates. */
public interface OrganizationKeys {
    Optional<WrappedKeyBlob> kek(UUID orgId);

    /** The organization's wrapped KEK, its row locked until the transaction ends. */
    Optional<WrappedKeyBlob> kekForUpdate(UUID orgId);

    /** Replaces the wrapped KEK (same key material, rewrapped). */
    void replaceKek(UUID orgId, WrappedKeyBlob kek);

    /** The distinct ids of the root keys that wrapped the stored organization keys. */
    List<String> rootKeyIds();

    /** Up to {@code limit} organization ids greater than {@code after} (null: from the start), in id order. */
    List<UUID> idsAfter(UUID after, int limit);
}
