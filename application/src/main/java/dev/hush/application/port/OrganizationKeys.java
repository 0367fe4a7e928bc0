package dev.hush.application.port;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Organizations' wrapped key-encryption keys: read for unwrapping, and rewrapped when the root key rotates. */
public interface OrganizationKeys {
    /** One organization's wrapped KEK as stored. */
    record StoredKek(UUID orgId, WrappedKeyBlob kek) {}

    Optional<WrappedKeyBlob> kek(UUID orgId);

    /**
     * The wrapped KEKs of those of {@code orgIds} that exist, their rows locked until the transaction ends;
     * the rows are locked in id order, so two callers locking overlapping sets do not deadlock.
     */
    Map<UUID, WrappedKeyBlob> keksForUpdate(Collection<UUID> orgIds);

    /** Replaces the wrapped KEKs of existing organizations (same key material, rewrapped), in one go. */
    void replaceKeks(Map<UUID, WrappedKeyBlob> keks);

    /** The distinct ids of the root keys that wrapped the stored organization keys. */
    List<String> rootKeyIds();

    /** Up to {@code limit} organizations with an id greater than {@code after} (null: from the start), in id order, with their wrapped KEKs. */
    List<StoredKek> keksAfter(UUID after, int limit);
}
