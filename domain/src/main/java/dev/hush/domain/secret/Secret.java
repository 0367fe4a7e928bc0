package dev.hush.domain.secret;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A secret's metadata: one key in one environment of one project. The value lives, encrypted, in its
 * versions; {@code version} is the latest one (0 while the secret was only defined, without a value).
 */
public record Secret(UUID id, UUID projectId, UUID environmentId, SecretKey key, Tags tags, PurposeType purposeType,
                     String description, int version, boolean hasValue, long accessCount,
                     Optional<Instant> lastAccessedAt, Instant updatedAt, Optional<Instant> deletedAt) {
    public Secret {
        Objects.requireNonNull(id);
        Objects.requireNonNull(projectId);
        Objects.requireNonNull(environmentId);
        Objects.requireNonNull(key);
        Objects.requireNonNull(tags);
        Objects.requireNonNull(purposeType);
        Objects.requireNonNull(lastAccessedAt);
        Objects.requireNonNull(updatedAt);
        Objects.requireNonNull(deletedAt);
    }

    /** A secret defined for the first time. */
    public static Secret define(UUID projectId, UUID environmentId, SecretKey key, Tags tags, PurposeType purpose,
                                String description, Instant now) {
        return new Secret(UUID.randomUUID(), projectId, environmentId, key, tags, purpose, description, 0, false, 0,
                Optional.empty(), now, Optional.empty());
    }

    public boolean isDeleted() { return deletedAt.isPresent(); }

    /** The next version number for a new value. */
    public int nextVersion() { return version + 1; }

    /** This secret with a new value stored as {@code newVersion}; a deleted secret comes back to life. */
    public Secret withNewValue(int newVersion, Instant now) {
        return new Secret(id, projectId, environmentId, key, tags, purposeType, description, newVersion, true,
                accessCount, lastAccessedAt, now, Optional.empty());
    }

    public Secret withMetadata(Tags newTags, PurposeType newPurpose, String newDescription, Instant now) {
        return new Secret(id, projectId, environmentId, key, newTags, newPurpose, newDescription, version, hasValue,
                accessCount, lastAccessedAt, now, Optional.empty());
    }

    /** Soft-deleted: gone from pulls and key lists, its versions kept; a later set brings it back. */
    public Secret deleted(Instant now) {
        return new Secret(id, projectId, environmentId, key, tags, purposeType, description, version, false,
                accessCount, lastAccessedAt, now, Optional.of(now));
    }
}
