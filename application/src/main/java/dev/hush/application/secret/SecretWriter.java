package dev.hush.application.secret;

import dev.hush.application.crypto.SecretCipher;
import dev.hush.application.port.Secrets;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.secret.PurposeType;
import dev.hush.domain.secret.Secret;
import dev.hush.domain.secret.SecretValue;
import dev.hush.domain.secret.SecretVersion;
import dev.hush.domain.secret.Tags;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies one {@link SecretChange} inside the caller's transaction: a new version for every changed
 * value, nothing for an identical one. Shared by set, bulk import and promote.
 */
final class SecretWriter {
    enum Outcome { CREATED, UPDATED, UNCHANGED }

    record Written(Secret secret, Outcome outcome) {}

    private final Secrets secrets;
    private final SecretCipher cipher;

    SecretWriter(Secrets secrets, SecretCipher cipher) {
        this.secrets = secrets;
        this.cipher = cipher;
    }

    Written apply(Tenancy.InEnv in, SecretChange change, Optional<Secret> existing, UUID actor, Instant now) {
        if (existing.isEmpty()) {
            Secret fresh = Secret.define(in.project().id(), in.env().id(), change.key(), change.tags().orElse(Tags.NONE),
                    change.purposeType().orElse(PurposeType.Other), change.description().orElse(null), now);
            secrets.insert(fresh);
            if (change.value().isEmpty()) {
                return new Written(fresh, Outcome.CREATED);
            }
            Secret withValue = storeValue(in, fresh, change.value().get(), actor, now);
            secrets.update(withValue);
            return new Written(withValue, Outcome.CREATED);
        }
        Secret current = existing.get();
        boolean revived = current.isDeleted();
        Secret withMeta = current.withMetadata(change.tags().orElse(current.tags()),
                change.purposeType().orElse(current.purposeType()),
                change.description().isPresent() ? change.description().get() : current.description(), now);
        boolean metaChanged = revived || !withMeta.tags().equals(current.tags())
                || withMeta.purposeType() != current.purposeType()
                || !Objects.equals(withMeta.description(), current.description());
        // Only a caller who may read the environment learns whether the sent value equals the stored one;
        // for anyone else every set is a new version, so "changed" is no oracle for a value they cannot read.
        boolean mayCompare = in.access().mayReadValues(in.project(), in.env());
        boolean valueChanged = change.value().isPresent()
                && (revived || !current.hasValue() || !mayCompare || !sameValue(in, current, change.value().get()));
        if (!metaChanged && !valueChanged) {
            return new Written(current, Outcome.UNCHANGED);
        }
        Secret updated = valueChanged ? storeValue(in, withMeta, change.value().get(), actor, now) : withMeta;
        secrets.update(updated);
        return new Written(updated, revived ? Outcome.CREATED : Outcome.UPDATED);
    }

    private boolean sameValue(Tenancy.InEnv in, Secret current, SecretValue candidate) {
        var stored = secrets.currentValues(java.util.List.of(current)).get(current.id());
        if (stored == null) {
            return false;
        }
        try (SecretValue old = cipher.decrypt(place(in, current), stored.version(), stored.value())) {
            return old.sameAs(candidate);
        }
    }

    /** Encrypts and stores the value as the next version; returns the secret pointing at it ; the caller updates the secret row. */
    private Secret storeValue(Tenancy.InEnv in, Secret secret, SecretValue value, UUID actor, Instant now) {
        int version = secret.nextVersion();
        var encrypted = cipher.encrypt(place(in, secret), version, in.project().keyVersion(), value);
        secrets.insertVersion(new SecretVersion(secret.id(), version, encrypted, now, Optional.ofNullable(actor), false));
        return secret.withNewValue(version, now);
    }

    /**
     * Runs a write transaction again (at most three times) when it lost a race that the database
     * reported as a conflict, such as two first sets of one new key; the losing attempt was rolled back.
     */
    static <T> T retryingRaces(java.util.function.Supplier<T> attempt) {
        return Retries.onConflict(attempt);
    }

    static SecretCipher.Place place(Tenancy.InEnv in, Secret secret) {
        return new SecretCipher.Place(in.org().id(), in.project().id(), in.env().id(), secret.key());
    }
}
