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
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Project key rotation. {@link #rotate} makes a new data key version that every new write uses at once;
 * {@link #step} (run by a background job on every node) re-encrypts older values to it in batches, each
 * batch a transaction that reads up to {@link #BATCH} values in one query, re-encrypts them (spread over the
 * processors, the data keys read once) and writes them back in one statement that leaves any value written
 * meanwhile alone, then moves a cursor stored with the rotation, so the job resumes after a restart.
 * Old versions stay readable throughout (their keys are kept); when no value uses them any more they are
 * deleted. Personal values are re-encrypted too.
 */
public final class RotateProjectKey {
    /** Values per batch (one transaction): few statements each, whatever the size. */
    public static final int BATCH = 2000;
    /** A batch also ends once its ciphertexts reach this size, so large values do not make it large in memory. */
    static final long BATCH_BYTES = 4L << 20;
    /** Fewer values than this per processor are not worth handing to another thread. */
    static final int WORKER_SHARE = 250;

    private final Audit audit;
    private final Tenancy tenancy;
    private final ApiUsage usage;
    private final KeyRotations rotations;
    private final KeyHierarchy keys;
    private final SecretCipher cipher;
    private final Transactions tx;
    private final Clock clock;
    private final java.time.Duration retireAfter;
    private final int batchSize;
    private final long batchBytes;
    private final Workers workers = new Workers("hush-reencrypt", Runtime.getRuntime().availableProcessors());

    public RotateProjectKey(Tenancy tenancy, ApiUsage usage, KeyRotations rotations, KeyHierarchy keys, SecretCipher cipher, Transactions tx, Clock clock,
                            java.time.Duration retireAfter, Audit audit) {
        this(tenancy, usage, rotations, keys, cipher, tx, clock, retireAfter, audit, BATCH, BATCH_BYTES);
    }

    /** With other batch limits, for tests of many batches over few values. */
    RotateProjectKey(Tenancy tenancy, ApiUsage usage, KeyRotations rotations, KeyHierarchy keys, SecretCipher cipher, Transactions tx, Clock clock,
                     java.time.Duration retireAfter, Audit audit, int batchSize, long batchBytes) {
        this.batchSize = batchSize;
        this.batchBytes = batchBytes;
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
            List<KeyRotations.StoredValue> batch = rotations.valuesAfter(r.projectId(), r.cursorSecret(), r.cursorVersion(), batchSize, batchBytes);
            reencrypt(r, batch);
            if (!isLast(batch)) {
                KeyRotations.StoredValue last = batch.get(batch.size() - 1);
                rotations.advance(r.projectId(), last.secretId(), last.version(), r.done() + batch.size());
                return true;
            }
            reencrypt(r, rotations.personalValues(r.projectId()));
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
            List<KeyRotations.StoredValue> batch = rotations.valuesAfter(r.projectId(), cursor, cursorVersion, batchSize, batchBytes);
            reencrypt(r, batch);
            if (isLast(batch)) {
                break;
            }
            cursor = Optional.of(batch.get(batch.size() - 1).secretId());
            cursorVersion = batch.get(batch.size() - 1).version();
        }
        reencrypt(r, rotations.personalValues(r.projectId()));
        rotations.retireKeysBefore(r.projectId(), r.targetVersion());
        rotations.markKeysRetired(r.projectId(), clock.instant());
        keys.forgetProject(r.projectId(), r.targetVersion() - 1);
        return true;
    }

    /** Whether a batch from {@link KeyRotations#valuesAfter} was the last: cut neither by count nor by size. */
    private boolean isLast(List<KeyRotations.StoredValue> batch) {
        return batch.size() < batchSize && batch.stream().mapToLong(v -> v.ciphertext().bytes().length).sum() < batchBytes;
    }

    /**
     * Re-encrypts the values of {@code batch} still on an older key version and stores them in one go; a value
     * whose stored ciphertext changed since it was read is left alone (the store checks, row by row). The data
     * keys are read once for the batch; opening and sealing is spread over the processors, each worker with
     * its own cipher. Answers how many values were replaced.
     */
    private int reencrypt(KeyRotations.Rotation r, List<KeyRotations.StoredValue> batch) {
        List<KeyRotations.StoredValue> stale = batch.stream().filter(v -> SecretCipher.keyVersionOf(v.ciphertext()) < r.targetVersion()).toList();
        if (stale.isEmpty()) {
            return 0;
        }
        java.util.Set<Integer> from = new java.util.TreeSet<>();
        stale.forEach(v -> from.add(SecretCipher.keyVersionOf(v.ciphertext())));
        try (SecretCipher.Rekeying rekeying = cipher.rekeying(r.orgId(), r.projectId(), from, r.targetVersion())) {
            return rotations.replaceAll(workers.map(stale, WORKER_SHARE, share -> {
                try (SecretCipher.Rekeying own = rekeying.copy()) {
                    return share.stream().map(v -> reencrypt(r, own, v)).toList();
                }
            }));
        }
    }

    private static KeyRotations.Replacement reencrypt(KeyRotations.Rotation r, SecretCipher.Rekeying rekeying, KeyRotations.StoredValue v) {
        SecretCipher.Place place = new SecretCipher.Place(r.orgId(), r.projectId(), v.environmentId(), v.key());
        return new KeyRotations.Replacement(v, v.userId().isPresent()
                ? rekeying.reencryptPersonal(place, v.userId().get(), v.ciphertext())
                : rekeying.reencrypt(place, v.version(), v.ciphertext()));
    }
}
