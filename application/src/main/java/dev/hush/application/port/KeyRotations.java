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

    /** The next {@code limit} versions of the project's secrets after the cursor, in (secret id, version) order. */
    List<StoredValue> valuesAfter(UUID projectId, Optional<UUID> cursorSecret, int cursorVersion, int limit);

    /** The personal values of the project's secrets. */
    List<StoredValue> personalValues(UUID projectId);

    /** Replaces a ciphertext if it is still {@code expected} (a concurrent write wins); true when replaced. */
    boolean replace(StoredValue value, EncryptedValue replacement);

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
