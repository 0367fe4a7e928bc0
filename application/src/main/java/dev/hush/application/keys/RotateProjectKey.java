package dev.hush.application.keys;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.crypto.SecretCipher;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.port.KeyRotations;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.Rejection;
import dev.hush.domain.secret.EncryptedValue;
import dev.hush.domain.secret.SecretValue;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Project key rotation. {@link #rotate} makes a new data key version that every new write uses at once;
 * {@link #step} (run by a background job on every node) re-encrypts older values to it in batches, each
 * batch a transaction that moves a cursor stored with the rotation, so the job resumes after a restart.
 * Old versions stay readable throughout (their keys are kept); when no value uses them any more they are
 * deleted. Personal values are re-encrypted too.
 */
public final class RotateProjectKey {
    public static final int BATCH = 500;

    private final Audit audit;
    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final KeyRotations rotations;
    private final KeyHierarchy keys;
    private final SecretCipher cipher;
    private final Transactions tx;
    private final Clock clock;
    private final java.time.Duration retireAfter;

    public RotateProjectKey(Tenancy tenancy, ApiUsage usage, KeyRotations rotations, KeyHierarchy keys, SecretCipher cipher, Transactions tx, Clock clock,
                            java.time.Duration retireAfter, Audit audit) {
        this.retireAfter = retireAfter;
        this.audit = audit;
        this.tenancy = tenancy;
        this.usage = usage;
        this.rotations = rotations;
        this.keys = keys;
        this.cipher = cipher;
        this.tx = tx;
        this.clock = clock;
    }

    /** The new key version, and the rotation just started. */
    public record Started(int keyVersion, KeyRotations.Rotation rotation) {}

    /** Owner/admin with a credential covering the whole project. Refused (409) while a rotation of the project runs. */
    public Started rotate(Caller caller, String orgRef, String projectSlug) {
        return tx.write(() -> {
            Tenancy.InOrg org = tenancy.org(caller, orgRef);
            usage.charge(caller, org.org().id());
            Tenancy.InProject in = tenancy.project(org, projectSlug);
            in.access().requireProjectAdmin(in.project(), "rotate the project key");
            Optional<KeyRotations.Rotation> running = rotations.find(in.project().id()).filter(r -> r.finishedAt().isEmpty());
            if (running.isPresent()) {
                throw Rejection.conflict("rotation_in_progress", "The project's values are still being re-encrypted to key version "
                        + running.get().targetVersion() + "; rotate again when it has finished.");
            }
            int version = in.project().keyVersion() + 1;
            rotations.insertProjectKey(in.project().id(), version, keys.newProjectKey(in.org().id(), in.project().id(), version));
            rotations.setProjectKeyVersion(in.project().id(), version);
            rotations.start(in.project().id(), version, rotations.countValues(in.project().id()), clock.instant());
            audit.record(in.org().id(), caller, "project.key_rotated", "org/" + in.org().slug() + "/project/" + in.project().slug(),
                    "key version " + version);
            return new Started(version, rotations.find(in.project().id()).orElseThrow());
        });
    }

    /** The rotation state of a project the caller may see, if it ever had one. */
    public Optional<KeyRotations.Rotation> progress(Caller caller, String orgRef, String projectSlug) {
        return tx.read(() -> {
            Tenancy.InOrg org = tenancy.org(caller, orgRef);
            usage.charge(caller, org.org().id());
            return rotations.find(tenancy.project(org, projectSlug).project().id());
        });
    }

    /**
     * Re-encrypts one batch of one unfinished rotation; false when there was nothing to do. A value written
     * meanwhile (a newer ciphertext) is left alone: it already uses the new key or will be seen again.
     */
    public boolean step() {
        java.util.UUID[] current = new java.util.UUID[1];
        try {
            return stepOnce(current);
        } catch (RuntimeException e) {
            if (current[0] != null) {
                // Rolled back: pause this rotation so the others go on; the next try resumes from the stored cursor.
                java.util.UUID failed = current[0];
                tx.write(() -> {
                    rotations.pause(failed, clock.instant().plus(PAUSE_AFTER_FAILURE));
                    return null;
                });
            }
            throw e;
        }
    }

    static final java.time.Duration PAUSE_AFTER_FAILURE = java.time.Duration.ofMinutes(1);

    private boolean stepOnce(java.util.UUID[] current) {
        return tx.write(() -> {
            KeyRotations.Rotation r = rotations.lockNextUnfinished().orElse(null);
            if (r == null) {
                return retireOldKeys(current);
            }
            current[0] = r.projectId();
            List<KeyRotations.StoredValue> batch = rotations.valuesAfter(r.projectId(), r.cursorSecret(), r.cursorVersion(), BATCH);
            long done = r.done();
            for (KeyRotations.StoredValue v : batch) {
                reencrypt(r, v);
                done++;
            }
            if (batch.size() == BATCH) {
                KeyRotations.StoredValue last = batch.get(batch.size() - 1);
                rotations.advance(r.projectId(), last.secretId(), last.version(), done);
                return true;
            }
            for (KeyRotations.StoredValue v : rotations.personalValues(r.projectId())) {
                reencrypt(r, v);
            }
            rotations.finish(r.projectId(), clock.instant());
            return true;
        });
    }

    /**
     * A while after a rotation finished: one last pass over every value of the project (a write that began
     * before the rotation may have committed after the job passed it), then the old data keys are deleted.
     */
    private boolean retireOldKeys(java.util.UUID[] current) {
        KeyRotations.Rotation r = rotations.lockNextToRetire(clock.instant().minus(retireAfter)).orElse(null);
        if (r == null) {
            return false;
        }
        current[0] = r.projectId();
        Optional<java.util.UUID> cursor = Optional.empty();
        int cursorVersion = 0;
        while (true) {
            List<KeyRotations.StoredValue> batch = rotations.valuesAfter(r.projectId(), cursor, cursorVersion, BATCH);
            for (KeyRotations.StoredValue v : batch) {
                reencrypt(r, v);
            }
            if (batch.size() < BATCH) {
                break;
            }
            cursor = Optional.of(batch.get(batch.size() - 1).secretId());
            cursorVersion = batch.get(batch.size() - 1).version();
        }
        for (KeyRotations.StoredValue v : rotations.personalValues(r.projectId())) {
            reencrypt(r, v);
        }
        rotations.retireKeysBefore(r.projectId(), r.targetVersion());
        rotations.markKeysRetired(r.projectId(), clock.instant());
        keys.forgetProject(r.projectId(), r.targetVersion() - 1);
        return true;
    }

    private void reencrypt(KeyRotations.Rotation r, KeyRotations.StoredValue v) {
        if (SecretCipher.keyVersionOf(v.ciphertext()) >= r.targetVersion()) {
            return;
        }
        SecretCipher.Place place = new SecretCipher.Place(r.orgId(), r.projectId(), v.environmentId(), v.key());
        EncryptedValue fresh;
        if (v.userId().isPresent()) {
            try (SecretValue plain = cipher.decryptPersonal(place, v.userId().get(), v.ciphertext())) {
                fresh = cipher.encryptPersonal(place, v.userId().get(), r.targetVersion(), plain);
            }
        } else {
            try (SecretValue plain = cipher.decrypt(place, v.version(), v.ciphertext())) {
                fresh = cipher.encrypt(place, v.version(), r.targetVersion(), plain);
            }
        }
        rotations.replace(v, fresh);
    }
}
