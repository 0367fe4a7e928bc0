package dev.hush.domain.secret;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

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

    /** A new secret as {@code update} defines it (version 0 until its first value is stored). */
    public static SecretOutcome.Created create(UUID projectId, UUID environmentId, SecretKey key, SecretUpdate update, Instant now) {
        Secret fresh = define(projectId, environmentId, key, update.tags().orElse(Tags.NONE),
                update.purposeType().orElse(PurposeType.Other), update.description().orElse(null), now);
        return new SecretOutcome.Created(fresh, update.withValue());
    }

    /**
     * Applies a set to this stored secret: a deleted secret comes back (created again), changed metadata or a
     * changed value updates it, anything else leaves it unchanged. {@code sameValue} tells whether the sent
     * value equals the stored one; it is asked only when {@code mayCompare} (the caller may read the
     * environment's values), so for anyone else every sent value is a new version and "unchanged" is no
     * oracle for a value they cannot read.
     */
    public SecretOutcome apply(SecretUpdate update, boolean mayCompare, BooleanSupplier sameValue, Instant now) {
        boolean revived = isDeleted();
        Secret withMeta = withMetadata(update.tags().orElse(tags), update.purposeType().orElse(purposeType),
                update.description().orElse(description), now);
        boolean metaChanged = revived || !withMeta.tags.equals(tags) || withMeta.purposeType != purposeType
                || !Objects.equals(withMeta.description, description);
        boolean valueChanged = update.withValue()
                && (revived || !hasValue || !mayCompare || !sameValue.getAsBoolean());
        if (!metaChanged && !valueChanged) {
            return new SecretOutcome.Unchanged(this);
        }
        return revived ? new SecretOutcome.Created(withMeta, valueChanged) : new SecretOutcome.Updated(withMeta, valueChanged);
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
