package dev.hush.application.port;

import dev.hush.domain.secret.EncryptedValue;
import dev.hush.domain.secret.SecretKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Project key rotation state and the stored values the re-encryption job walks. Call inside transactions. */
public interface KeyRotations {
    /** A rotation of one project: how far the job got. */
    record Rotation(UUID projectId, UUID orgId, int targetVersion, long total, long done, Optional<UUID> cursorSecret, int cursorVersion,
                    Instant startedAt, Optional<Instant> finishedAt) {}

    /** One stored value (a version of a secret, or a user's personal value when {@code userId} is present). */
    record StoredValue(UUID secretId, int version, UUID environmentId, SecretKey key, Optional<UUID> userId, EncryptedValue ciphertext) {}

    /** Starts (or restarts) the rotation of a project to {@code targetVersion}. */
    void start(UUID projectId, int targetVersion, long total, Instant now);

    Optional<Rotation> find(UUID projectId);

    /** An unfinished rotation, its row locked until the transaction ends; empty when none is waiting. */
    Optional<Rotation> lockNextUnfinished();

    /** A rotation finished before {@code finishedBefore} whose old keys are not deleted yet, its row locked. */
    Optional<Rotation> lockNextToRetire(Instant finishedBefore);

    void markKeysRetired(UUID projectId, Instant now);

    /** Skips the rotation until {@code until} (its last batch failed), so other projects' rotations go on. */
    void pause(UUID projectId, Instant until);

    /**
     * The next versions of the project's secrets after the cursor, in (secret id, version) order: at most
     * {@code limit} of them, and no more once their ciphertexts add up to {@code maxBytes} (the value that
     * reaches it is the last one; the first is always included). So a page shorter than {@code limit} whose
     * ciphertexts add up to less than {@code maxBytes} is the last.
     */
    List<StoredValue> valuesAfter(UUID projectId, Optional<UUID> cursorSecret, int cursorVersion, int limit, long maxBytes);

    /** The personal values of the project's secrets. */
    List<StoredValue> personalValues(UUID projectId);

    /** A value as it was read, and the ciphertext to store in its place. */
    record Replacement(StoredValue value, EncryptedValue ciphertext) {}

    /**
     * Replaces each value's ciphertext if it is still the one read (a value written meanwhile wins and is left
     * alone), as one check-and-write per value, in a few statements whatever the number of values; answers
     * how many were replaced.
     */
    int replaceAll(List<Replacement> replacements);

    void advance(UUID projectId, UUID cursorSecret, int cursorVersion, long done);

    void finish(UUID projectId, Instant now);

    /** Number of stored versions and personal values of the project. */
    long countValues(UUID projectId);

    /** Deletes the project's data keys older than {@code version}: nothing uses them any more. */
    void retireKeysBefore(UUID projectId, int version);

    /** Sets the project's current data key version. */
    void setProjectKeyVersion(UUID projectId, int version);

    /** Stores a new data key version of the project. */
    void insertProjectKey(UUID projectId, int version, WrappedKeyBlob key);
}
