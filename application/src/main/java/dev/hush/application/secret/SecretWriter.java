package dev.hush.application.secret;

import dev.hush.application.crypto.SecretCipher;
import dev.hush.application.port.Secrets;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.secret.Secret;
import dev.hush.domain.secret.SecretOutcome;
import dev.hush.domain.secret.SecretUpdate;
import dev.hush.domain.secret.SecretValue;
import dev.hush.domain.secret.SecretVersion;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores what {@link Secret#create} or {@link Secret#apply} decide for one {@link SecretChange}, inside the
 * caller's transaction: the secret row, and the value encrypted as a new version when one is due. Shared by
 * set, bulk import and promote.
 */
final class SecretWriter {
    /** The secret as stored, and what the change did. */
    record Written(Secret secret, SecretOutcome outcome) {
        boolean created() { return outcome instanceof SecretOutcome.Created; }

        boolean changed() { return !(outcome instanceof SecretOutcome.Unchanged); }
    }

    private final Secrets secrets;
    private final SecretCipher cipher;
    private final ReferenceResolver references;

    SecretWriter(Tenancy tenancy, Secrets secrets, SecretCipher cipher) {
        this.secrets = secrets;
        this.cipher = cipher;
        this.references = new ReferenceResolver(tenancy, secrets, cipher);
    }

    Written apply(Tenancy.InEnv in, SecretChange change, Optional<Secret> existing, UUID actor, Instant now) {
        return apply(in, change, existing, Optional.empty(), actor, now);
    }

    /** {@code stored}: the existing secret's current version when already read with its lock (else read when needed). */
    Written apply(Tenancy.InEnv in, SecretChange change, Optional<Secret> existing, Optional<SecretVersion> stored, UUID actor, Instant now) {
        SecretUpdate update = change.update();
        SecretOutcome outcome;
        if (existing.isEmpty()) {
            outcome = Secret.create(in.project().id(), in.env().id(), change.key(), update, now);
            secrets.insert(outcome.secret());
            if (!outcome.storeValue()) {
                return new Written(outcome.secret(), outcome);
            }
        } else {
            Secret current = existing.get();
            boolean mayCompare = in.access().mayReadValues(in.project(), in.env());
            outcome = current.apply(update, mayCompare, () -> sameValue(in, current, stored, change.value().orElseThrow()), now);
            if (outcome instanceof SecretOutcome.Unchanged) {
                return new Written(current, outcome);
            }
        }
        if (!outcome.storeValue()) {
            secrets.update(outcome.secret());
            return new Written(outcome.secret(), outcome);
        }
        SecretVersion version = newVersion(in, outcome.secret(), change.value().orElseThrow(), actor, now);
        Secret updated = outcome.secret().withNewValue(version.version(), now);
        secrets.updateWithVersion(updated, version);
        return new Written(updated, outcome);
    }

    private boolean sameValue(Tenancy.InEnv in, Secret current, Optional<SecretVersion> known, SecretValue candidate) {
        SecretVersion stored = known.orElseGet(() -> secrets.currentValues(java.util.List.of(current)).get(current.id()));
        if (stored == null) {
            return false;
        }
        try (SecretValue old = cipher.decrypt(place(in, current), stored.version(), stored.value())) {
            return old.sameAs(candidate);
        }
    }

    /** The value encrypted as the secret's next version (stored by the caller, with the secret pointing at it). */
    private SecretVersion newVersion(Tenancy.InEnv in, Secret secret, SecretValue value, UUID actor, Instant now) {
        if (value.mayHoldReference()) {
            references.check(in, secret.key(), value.text());
        }
        int version = secret.nextVersion();
        var encrypted = cipher.encrypt(place(in, secret), version, in.project().keyVersion(), value);
        return new SecretVersion(secret.id(), version, encrypted, now, Optional.ofNullable(actor), false);
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
