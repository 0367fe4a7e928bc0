package dev.hush.application.secret;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.crypto.SecretCipher;
import dev.hush.application.crypto.X25519SealedValue;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.plan.PlanPolicy;
import dev.hush.application.port.Secrets;
import dev.hush.application.port.Transactions;
import dev.hush.application.sealed.OrgKeyPairs;
import dev.hush.application.tenant.Tenancy;
import dev.hush.application.webhook.WebhookOutbox;
import dev.hush.domain.Rejection;
import dev.hush.domain.secret.Secret;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.SecretValue;
import java.time.Clock;

/** Sets (or defines) one secret in one environment; a changed value becomes a new version. */
public final class SetSecret {
    private final Audit audit;
    private final WebhookOutbox outbox;
    private final PlanPolicy limits;
    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final Secrets secrets;
    private final SecretWriter writer;
    private final Transactions tx;
    private final Clock clock;
    private final OrgKeyPairs keyPairs;
    private final SecretCipher cipher;

    public SetSecret(Tenancy tenancy, ApiUsage usage, Secrets secrets, SecretCipher cipher, OrgKeyPairs keyPairs, Transactions tx,
                     Clock clock, PlanPolicy limits, WebhookOutbox outbox, Audit audit) {
        this.outbox = outbox;
        this.limits = limits;
        this.keyPairs = keyPairs;
        this.audit = audit;
        this.tenancy = tenancy;
        this.usage = usage;
        this.secrets = secrets;
        this.cipher = cipher;
        this.writer = new SecretWriter(tenancy, secrets, cipher);
        this.tx = tx;
        this.clock = clock;
    }

    public record Result(Secret secret, boolean created, boolean changed) {}

    public Result set(Caller caller, String orgRef, String project, String env, SecretChange change) {
        return write(caller, orgRef, project, env, in -> change, false);
    }

    /**
     * A value sealed to the organization's public key: with RSA-OAEP ({@code encryptedValue}, and {@code encryptedKey}
     * for values too long for RSA; see {@link OrgKeyPairs#open}), or, when {@code ephemeralPublicKey} is present, with
     * X25519 ({@link OrgKeyPairs#openX25519}), bound to the organization, project, environment and key it is written to.
     */
    public record Sealed(String encryptedValue, String encryptedKey, String ephemeralPublicKey) {
        /** The RSA form. */
        public Sealed(String encryptedValue, String encryptedKey) { this(encryptedValue, encryptedKey, null); }

        /** The X25519 form. */
        public static Sealed x25519(String ephemeralPublicKey, String encryptedValue) {
            return new Sealed(encryptedValue, null, ephemeralPublicKey);
        }

        /**
         * Opens it for the secret {@code key} of {@code in} (after the caller's right to write is checked); error
         * fields carry {@code prefix} ({@code ""}, or {@code "secrets[3]."} in a bulk).
         */
        SecretValue open(OrgKeyPairs keyPairs, Tenancy.InEnv in, SecretKey key, String prefix) {
            if (ephemeralPublicKey != null) {
                return keyPairs.openX25519(in.org().id(), prefix, ephemeralPublicKey, encryptedValue, X25519SealedValue.associatedData(
                        in.org().id(), in.project().slug().value(), in.env().slug().value(), key.value()));
            }
            return keyPairs.open(in.org().id(), prefix + "encryptedValue", encryptedValue, encryptedKey);
        }

        @Override
        public String toString() { return ephemeralPublicKey == null ? "Sealed[RSA]" : "Sealed[X25519]"; }
    }

    /** Like {@link #set}, the value arriving sealed: opened only after the caller's right to write is checked. */
    public Result setSealed(Caller caller, String orgRef, String project, String env, SecretChange metadata, Sealed sealed) {
        return write(caller, orgRef, project, env, in -> new SecretChange(metadata.key(),
                java.util.Optional.of(sealed.open(keyPairs, in, metadata.key(), "")),
                metadata.tags(), metadata.purposeType(), metadata.description()), true);
    }

    /**
     * Restores an earlier version: its value becomes a new version (history is never rewritten), in one
     * transaction. Needs the write right only, like any set; the value is not shown to the caller. A version
     * that does not exist is "not found"; restoring the current value changes nothing.
     */
    public Result restore(Caller caller, String orgRef, String project, String env, String rawKey, int version) {
        SecretKey key = SecretKey.of("key", rawKey);
        return write(caller, orgRef, project, env, in -> {
            var secret = secrets.find(in.env().id(), key).orElseThrow(() -> Rejection.notFound("secret"));
            var old = secrets.versions(secret.id()).stream().filter(v -> v.version() == version).findFirst()
                    .orElseThrow(() -> Rejection.notFound("version"));
            return new SecretChange(key, java.util.Optional.of(cipher.decrypt(SecretWriter.place(in, secret), old.version(), old.value())),
                    java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty());
        }, true, ", restored from version " + version);
    }

    private Result write(Caller caller, String orgRef, String project, String env, java.util.function.Function<Tenancy.InEnv, SecretChange> changeIn,
                         boolean wipeAfter) {
        return write(caller, orgRef, project, env, changeIn, wipeAfter, "");
    }

    private Result write(Caller caller, String orgRef, String project, String env, java.util.function.Function<Tenancy.InEnv, SecretChange> changeIn,
                         boolean wipeAfter, String note) {
        return SecretWriter.retryingRaces(() -> tx.write(() -> {
            Tenancy.InEnv in = tenancy.environment(caller, orgRef, project, env, org -> usage.charge(caller, org.org().id()));
            in.access().requireWrite(in.project(), in.env());
            SecretChange change = changeIn.apply(in);
            SecretWriter.Written written;
            try {
                var locked = secrets.lockOne(in.env().id(), change.key());
                var existing = locked.map(Secrets.Locked::secret);
                limits.requireRoomForSecrets(in.org().id(), in.project().id(), existing.isEmpty() || existing.get().isDeleted() ? 1 : 0);
                written = writer.apply(in, change, existing, locked.flatMap(Secrets.Locked::current), caller.userId(), clock.instant());
            } finally {
                if (wipeAfter) {
                    change.value().ifPresent(SecretValue::close);
                }
            }
            if (written.changed()) {
                String event = written.created() ? "secret.created" : "secret.updated";
                audit.record(in.org().id(), caller, event, in.resource(change.key().value()), "version " + written.secret().version() + note);
                outbox.secretEvent(in.env().id(), in.org().id(), in.org().slug().value(), in.project().slug().value(), in.env().slug().value(), event, caller,
                        java.util.List.of(change.key().value()), java.util.Map.of(change.key().value(), written.secret().version()), java.util.Map.of());
            }
            return new Result(written.secret(), written.created(), written.changed());
        }));
    }
}
