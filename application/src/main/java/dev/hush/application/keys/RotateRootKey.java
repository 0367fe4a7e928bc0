package dev.hush.application.keys;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.auth.Client;
import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.port.KeyIntegrityException;
import dev.hush.application.port.OrganizationKeys;
import dev.hush.application.port.RootKeys;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.WrappedKeyBlob;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.Permission;
import dev.hush.domain.audit.AuditEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Rewraps every organization's key-encryption key under the root key's current version (after a
 * rotation in the KMS), or under another root key (migration between providers). Only organization keys
 * are touched: the cost grows with the number of organizations, not of secrets. Each organization is
 * rewrapped in a transaction of its own, under a row lock, and skipped when already done, so the job is
 * safe to interrupt and to run again, on any number of nodes.
 */
public final class RotateRootKey {
    static final int BATCH = 200;
    static final int PARALLELISM = 8;

    private final Audit audit;
    private final OrganizationKeys organizationKeys;
    private final Transactions tx;

    public RotateRootKey(OrganizationKeys organizationKeys, Transactions tx, Audit audit) {
        this.audit = audit;
        this.organizationKeys = organizationKeys;
        this.tx = tx;
    }

    public record Result(int organizations, int rewrapped, int alreadyCurrent, String keyId, String keyVersion) {}

    /** {@code POST /v1/admin/kms/rotate}: platform admin, with a session or an unrestricted token. */
    public Result rotate(Caller caller, RootKeys rootKeys) {
        if (!caller.user().platformAdmin() || !caller.scope().allows(Permission.WRITE) || caller.scope().orgId().isPresent()
                || !caller.scope().projects().isEmpty()) {
            throw Rejection.forbidden("Only a platform admin may rotate the root key.");
        }
        Result r = rewrapAll(rootKeys, rootKeys, java.util.Optional.of(caller.userId()));
        audit.recordAlone(AuditEvent.PLATFORM, java.util.Optional.of(caller.userId()), caller.client(),
                "kms.root_key.rotated", "kms/" + r.keyId(), "ok",
                r.rewrapped() + " of " + r.organizations() + " organization keys rewrapped to version " + r.keyVersion());
        return r;
    }

    /**
     * Rewraps with {@code to} every organization key that is not yet on {@code to}'s current key and version,
     * opening it with {@code from} (the same key for a rotation, the old provider for a migration).
     */
    public Result rewrapAll(RootKeys from, RootKeys to) { return rewrapAll(from, to, java.util.Optional.empty()); }

    /** {@code actor}: the user who asked, for the audit row written with each rewrap. */
    public Result rewrapAll(RootKeys from, RootKeys to, java.util.Optional<UUID> actor) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(PARALLELISM);
        try {
            return rewrapAll(from, to, pool, actor);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The organizations of one batch, {@link #PARALLELISM} at a time: each rewrap waits on two KMS round
     * trips, so running them side by side is what makes rotation fast; each is its own transaction.
     */
    private int rewrapBatch(List<UUID> ids, RootKeys from, RootKeys to, WrappedKeyBlob current, java.util.concurrent.ExecutorService pool,
                            java.util.Optional<UUID> actor) {
        List<java.util.concurrent.Future<Boolean>> futures = new java.util.ArrayList<>();
        for (UUID orgId : ids) {
            futures.add(pool.submit(() -> rewrapOne(orgId, from, to, current, actor)));
        }
        int rewrapped = 0;
        RuntimeException failure = null;
        for (java.util.concurrent.Future<Boolean> f : futures) {
            try {
                rewrapped += f.get() ? 1 : 0;
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
        if (failure != null) {
            // Everything done so far is committed; a re-run continues from there.
            throw failure;
        }
        return rewrapped;
    }

    private boolean rewrapOne(UUID orgId, RootKeys from, RootKeys to, WrappedKeyBlob current, java.util.Optional<UUID> actor) {
        return tx.write(() -> {
            WrappedKeyBlob kek = organizationKeys.kekForUpdate(orgId).orElse(null);
            if (kek == null || (kek.keyId().equals(current.keyId()) && kek.keyVersion().equals(current.keyVersion()))) {
                return false; // deleted meanwhile, or already rewrapped by an earlier or concurrent run
            }
            byte[] context = KeyHierarchy.orgContext(orgId);
            byte[] material = (kek.keyId().equals(from.keyId()) ? from : to).unwrap(kek, context);
            try {
                WrappedKeyBlob rewrapped = to.wrap(material, context);
                organizationKeys.replaceKek(orgId, rewrapped);
                // In the same transaction as the change, on the organization's own chain.
                audit.recordWithin(orgId, actor, Client.UNKNOWN, "kms.org_key.rewrapped", "org/" + orgId,
                        "from " + kek.keyId() + "@" + kek.keyVersion() + " to " + rewrapped.keyId() + "@" + rewrapped.keyVersion());
            } finally {
                Arrays.fill(material, (byte) 0);
            }
            return true;
        });
    }

    private Result rewrapAll(RootKeys from, RootKeys to, java.util.concurrent.ExecutorService pool, java.util.Optional<UUID> actor) {
        // One wrap tells the key version the KMS uses now.
        byte[] probe = new byte[32];
        WrappedKeyBlob current = to.wrap(probe, "hush/root-rotation-probe/v1".getBytes(StandardCharsets.US_ASCII));
        int total = 0;
        int rewrapped = 0;
        UUID after = null;
        while (true) {
            UUID cursor = after;
            List<UUID> ids = tx.read(() -> organizationKeys.idsAfter(cursor, BATCH));
            if (ids.isEmpty()) {
                break;
            }
            total += ids.size();
            rewrapped += rewrapBatch(ids, from, to, current, pool, actor);
            after = ids.get(ids.size() - 1);
        }
        if (from != to) {
            // A migration must leave nothing on the old key: check, so the operator is never told "done" too early.
            for (UUID a = null; ; ) {
                UUID c = a;
                List<UUID> ids = tx.read(() -> organizationKeys.idsAfter(c, BATCH));
                if (ids.isEmpty()) {
                    break;
                }
                for (UUID id : ids) {
                    WrappedKeyBlob kek = tx.read(() -> organizationKeys.kek(id)).orElse(null);
                    if (kek != null && !kek.keyId().equals(to.keyId())) {
                        throw new KeyIntegrityException();
                    }
                }
                a = ids.get(ids.size() - 1);
            }
        }
        return new Result(total, rewrapped, total - rewrapped, current.keyId(), current.keyVersion());
    }
}
