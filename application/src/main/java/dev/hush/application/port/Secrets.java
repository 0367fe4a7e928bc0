package dev.hush.application.port;

import dev.hush.domain.secret.Secret;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.SecretVersion;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Stored secrets (metadata) and their versions (ciphertext only), per environment; across an organization, {@link OrganizationSecrets}. */
public interface Secrets {
    /** The secret with this key in the environment, deleted or not. */
    Optional<Secret> find(UUID environmentId, SecretKey key);

    /**
     * Secrets of the environment with these keys, deleted or not, locking the rows found until the transaction ends (in key order, so
     * concurrent writers never deadlock): used by every write so versions are assigned one at a time.
     */
    Map<SecretKey, Secret> lockAll(UUID environmentId, Collection<SecretKey> keys);

    /**
     * {@link #lockAll} of one key, with the secret's current version (ciphertext) when it has one, as a single set
     * needs them (the current value tells an unchanged set from a change).
     */
    default Optional<Locked> lockOne(UUID environmentId, SecretKey key) {
        Secret secret = lockAll(environmentId, List.of(key)).get(key);
        return Optional.ofNullable(secret).map(s -> new Locked(s, Optional.ofNullable(currentValues(List.of(s)).get(s.id()))));
    }

    /** A locked secret and its current version, if it has a value. */
    record Locked(Secret secret, Optional<SecretVersion> current) {}

    /** Live (not deleted) secrets of the environment, ordered by key; {@code prefix} may be empty. */
    List<Secret> listLive(UUID environmentId, String prefix);

    /**
     * One page of the environment's live secrets that have a value, each with its current version (ciphertext), in
     * one read, ordered by key (code point order): {@code prefix} may be empty; {@code keys}, when not empty, limits
     * them to those keys; each of {@code tags} must be among a secret's tags; then {@code offset} and {@code limit}
     * (empty: all). {@link ValuedPage#total} counts all that match, across pages.
     */
    ValuedPage liveValues(UUID environmentId, String prefix, java.util.Set<String> keys, List<String> tags, int offset, Optional<Integer> limit);

    /**
     * A page of {@link #liveValues}, how many match in all, and the environment's revision read with them (in the
     * same snapshot; {@link Projects.Placement#UNTRACKED} when the store keeps none).
     */
    record ValuedPage(List<Valued> rows, int total, long revision) {
        public ValuedPage(List<Valued> rows, int total) { this(rows, total, Projects.Placement.UNTRACKED); }
    }

    /** A live secret and its current version. */
    record Valued(Secret secret, SecretVersion current) {}

    void insert(Secret secret);

    void update(Secret secret);

    void insertVersion(SecretVersion version);

    /** {@link #insertVersion} and {@link #update} of the secret that now points at it, in one round trip where the store can. */
    default void updateWithVersion(Secret secret, SecretVersion version) {
        insertVersion(version);
        update(secret);
    }

    /**
     * The current version (with its ciphertext) of each secret, read from the stored row, so it may be newer
     * than the given snapshot; secrets without a value are absent.
     */
    Map<UUID, SecretVersion> currentValues(Collection<Secret> secrets);

    /** All versions, newest first. */
    List<SecretVersion> versions(UUID secretId);

    void markVersionDeleted(UUID secretId, int version);

    /**
     * Adds one access to each secret and sets its last access time. Statistics, not data: an adapter may
     * add them up and write them shortly after (and need not be in a write transaction).
     */
    void recordAccess(Collection<UUID> secretIds, Instant now);
}
