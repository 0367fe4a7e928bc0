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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rewraps every organization's key-encryption key under the root key's current version (after a
 * rotation in the KMS), or under another root key (migration between providers). Only organization keys
 * are touched: the cost grows with the number of organizations, not of secrets.
 *
 * <p>The KMS round trips (an unwrap and a wrap per organization) are the cost, so they run
 * {@link #KMS_CONCURRENCY} at a time on threads that hold no database connection, fed from pages of
 * organization keys read ahead; organizations already on the current key cost no KMS call. The results are
 * stored {@link #GROUP} organizations per transaction: their rows locked (in id order), each one replaced
 * only if it is still the key that was unwrapped (else another run did it meanwhile, and it is left alone),
 * and each change audited on its organization's own chain in that same transaction. Whatever committed
 * stays, so the job is safe to interrupt and to run again, on any number of nodes.
 */
public final class RotateRootKey {
    /** Organization keys read per query. */
    static final int PAGE = 500;
    /** KMS calls in flight: they wait on the network, not on the processors. */
    static final int KMS_CONCURRENCY = 32;
    /** Organizations stored per transaction: a few statements each, row locks held for milliseconds. */
    static final int GROUP = 25;

    private final Audit audit;
    private final OrganizationKeys organizationKeys;
    private final Transactions tx;
    private final int pageSize;
    private final int groupSize;
    private final int kmsConcurrency;

    public RotateRootKey(OrganizationKeys organizationKeys, Transactions tx, Audit audit) {
        this(organizationKeys, tx, audit, PAGE, GROUP, KMS_CONCURRENCY);
    }

    /** With other sizes, for tests of many pages and groups over few organizations. */
    RotateRootKey(OrganizationKeys organizationKeys, Transactions tx, Audit audit, int pageSize, int groupSize, int kmsConcurrency) {
        this.audit = audit;
        this.organizationKeys = organizationKeys;
        this.tx = tx;
        this.pageSize = pageSize;
        this.groupSize = groupSize;
        this.kmsConcurrency = kmsConcurrency;
    }

    public record Result(int organizations, int rewrapped, int alreadyCurrent, String keyId, String keyVersion) {}

    /** {@code POST /v1/admin/kms/rotate}: platform admin, with a session or an unrestricted token. */
    public Result rotate(Caller caller, RootKeys rootKeys) {
        if (!caller.user().platformAdmin() || !caller.scope().allows(Permission.WRITE) || caller.scope().orgId().isPresent()
                || !caller.scope().projects().isEmpty()) {
            throw Rejection.forbidden("Only a platform admin may rotate the root key.");
        }
        Result r = rewrapAll(rootKeys, rootKeys, Optional.of(caller.userId()));
        audit.recordAlone(AuditEvent.PLATFORM, Optional.of(caller.userId()), caller.client(),
                "kms.root_key.rotated", "kms/" + r.keyId(), "ok",
                r.rewrapped() + " of " + r.organizations() + " organization keys rewrapped to version " + r.keyVersion());
        return r;
    }

    /**
     * Rewraps with {@code to} every organization key that is not yet on {@code to}'s current key and version,
     * opening it with {@code from} (the same key for a rotation, the old provider for a migration).
     */
    public Result rewrapAll(RootKeys from, RootKeys to) { return rewrapAll(from, to, Optional.empty()); }

    /** {@code actor}: the user who asked, for the audit row written with each rewrap. */
    public Result rewrapAll(RootKeys from, RootKeys to, Optional<UUID> actor) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService kms = Executors.newFixedThreadPool(kmsConcurrency, r -> {
            Thread t = new Thread(r, "hush-root-rewrap-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            return rewrapAll(from, to, kms, actor);
        } finally {
            kms.shutdownNow();
        }
    }

    /** An organization key opened by the old root key and wrapped by the new one; {@code old} is what was read. */
    private record Rewrapped(UUID orgId, WrappedKeyBlob old, WrappedKeyBlob fresh) {}

    private Result rewrapAll(RootKeys from, RootKeys to, ExecutorService kms, Optional<UUID> actor) {
        // One wrap tells the key version the KMS uses now.
        WrappedKeyBlob current = to.wrap(new byte[32], "hush/root-rotation-probe/v1".getBytes(StandardCharsets.US_ASCII));
        int total = 0;
        int rewrapped = 0;
        UUID after = null;
        boolean more = true;
        Deque<Future<Rewrapped>> inFlight = new ArrayDeque<>();
        List<Rewrapped> done = new ArrayList<>();
        RuntimeException failure = null;
        try {
            while (more || !inFlight.isEmpty()) {
                if (more && inFlight.size() < pageSize) {
                    // Read ahead while the KMS threads still have work queued.
                    UUID cursor = after;
                    List<OrganizationKeys.StoredKek> page = tx.read(() -> organizationKeys.keksAfter(cursor, pageSize));
                    more = page.size() == pageSize;
                    for (OrganizationKeys.StoredKek k : page) {
                        total++;
                        if (!isCurrent(k.kek(), current)) {
                            inFlight.add(kms.submit(() -> rewrapWithKms(k, from, to)));
                        }
                        after = k.orgId();
                    }
                    continue;
                }
                try {
                    done.add(inFlight.remove().get());
                } catch (ExecutionException e) {
                    // Stop reading; what is in flight still ends, and what succeeded is stored.
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                    more = false;
                }
                if (done.size() == groupSize || inFlight.isEmpty()) {
                    rewrapped += store(done, actor);
                    done.clear();
                }
            }
        } catch (InterruptedException e) {
            inFlight.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            // Everything stored so far is committed; a re-run continues from there.
            throw new IllegalStateException("interrupted");
        }
        if (failure != null) {
            throw failure;
        }
        if (from != to) {
            // A migration must leave nothing on the old key: check, so the operator is never told "done" too early.
            if (tx.read(organizationKeys::rootKeyIds).stream().anyMatch(id -> !id.equals(to.keyId()))) {
                throw new KeyIntegrityException();
            }
        }
        return new Result(total, rewrapped, total - rewrapped, current.keyId(), current.keyVersion());
    }

    private static boolean isCurrent(WrappedKeyBlob kek, WrappedKeyBlob current) {
        return kek.keyId().equals(current.keyId()) && kek.keyVersion().equals(current.keyVersion());
    }

    /** On a KMS thread: no database here. The plaintext key is wiped before the thread moves on. */
    private static Rewrapped rewrapWithKms(OrganizationKeys.StoredKek k, RootKeys from, RootKeys to) {
        byte[] context = KeyHierarchy.orgContext(k.orgId());
        byte[] material = (k.kek().keyId().equals(from.keyId()) ? from : to).unwrap(k.kek(), context);
        try {
            return new Rewrapped(k.orgId(), k.kek(), to.wrap(material, context));
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /**
     * One transaction for a group: lock the rows, replace each key that is still the one unwrapped (a key
     * changed meanwhile was rewrapped by another run, or the organization was deleted: left alone), and audit
     * each replacement on the organization's chain. Answers how many were replaced.
     */
    private int store(List<Rewrapped> group, Optional<UUID> actor) {
        if (group.isEmpty()) {
            return 0;
        }
        return tx.write(() -> {
            Map<UUID, WrappedKeyBlob> stored = organizationKeys.keksForUpdate(group.stream().map(Rewrapped::orgId).toList());
            Map<UUID, WrappedKeyBlob> replace = new LinkedHashMap<>();
            List<Rewrapped> applied = new ArrayList<>();
            for (Rewrapped r : group) {
                if (r.old().equals(stored.get(r.orgId()))) {
                    replace.put(r.orgId(), r.fresh());
                    applied.add(r);
                }
            }
            organizationKeys.replaceKeks(replace);
            for (Rewrapped r : applied) {
                // In the same transaction as the change, on the organization's own chain.
                audit.recordWithin(r.orgId(), actor, Client.UNKNOWN, "kms.org_key.rewrapped", "org/" + r.orgId(),
                        "from " + r.old().keyId() + "@" + r.old().keyVersion() + " to " + r.fresh().keyId() + "@" + r.fresh().keyVersion());
            }
            return applied.size();
        });
    }
}
