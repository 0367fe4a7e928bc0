package dev.hush.application.audit;

import dev.hush.application.auth.Caller;
import dev.hush.application.auth.Client;
import dev.hush.application.port.AuditJournal;
import dev.hush.application.port.AuditLog;
import dev.hush.application.port.Transactions;
import dev.hush.domain.Rejection;
import dev.hush.domain.audit.AuditEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Records audit events. An event is first added to the {@link AuditJournal}, without any lock: in the
 * transaction of its change ({@link #record}), so it exists exactly when the change does, or, for a value read,
 * through a group commit shared by concurrent requests ({@link #recordRead}), which returns only once the event
 * is durable. {@link #seal} then moves a chain's journaled events into the hash chain, in journal order, under
 * the chain's head row; sealers run on every node ({@link #sealWaiting}, about every 200 ms) and before the log
 * is read. Details name keys and counts, never values. See {@code docs/audit.md}.
 */
public final class Audit {
    /** The most events one sealing transaction moves into a chain. */
    static final int SEAL_BATCH = 2000;

    private final AuditLog log;
    private final AuditJournal journal;
    private final AuditGroupCommit reads;
    private final Transactions tx;
    private final Clock clock;

    public Audit(AuditLog log, AuditJournal journal, AuditGroupCommit reads, Transactions tx, Clock clock) {
        this.log = log;
        this.journal = journal;
        this.reads = reads;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * A successful action of an authenticated caller, inside the current transaction. A caller whose API token
     * was revoked or has expired since the request was authenticated is refused (401) and the transaction fails,
     * so a credential held in a node's cache can never act after its revocation.
     */
    public void record(UUID chain, Caller caller, String action, String resource, String detail) {
        if (!journal.add(pending(chain, caller, action, resource, detail))) {
            throw Rejection.unauthenticated();
        }
    }

    /**
     * A read of values by {@code caller}: returns once the event is durable, in a transaction of the group
     * commit (never the caller's own), so call it after reading and before releasing any value. Refused with
     * 401 when the caller's API token was revoked or has expired meanwhile, and with 503 when the event cannot
     * be written: no value may leave then.
     */
    public void recordRead(UUID chain, Caller caller, String action, String resource, String detail) {
        if (!reads.add(pending(chain, caller, action, resource, detail))) {
            throw Rejection.unauthenticated();
        }
    }

    /** An event without an authenticated caller (a failed login), in a transaction of its own. */
    public void recordAlone(UUID chain, Optional<UUID> user, Client client, String action, String resource, String result, String detail) {
        tx.write(() -> journal.add(new AuditJournal.Pending(chain, now(),
                new AuditEvent.Entry(user, Optional.empty(), action, resource, result, client.ip(), client.userAgent(), detail), Optional.empty())));
    }

    /** An event without an authenticated caller, inside the current transaction. */
    public void recordWithin(UUID chain, Optional<UUID> user, Client client, String action, String resource, String detail) {
        journal.add(new AuditJournal.Pending(chain, now(),
                new AuditEvent.Entry(user, Optional.empty(), action, resource, "success", client.ip(), client.userAgent(), detail), Optional.empty()));
    }

    /**
     * Moves every event of the chain journaled (committed) before this call into the chain, waiting for a
     * sealer of the chain on another node if one is running: what a reader of the log calls first, so it sees
     * its own and every earlier request's events. Returns the number of events sealed.
     */
    public int seal(UUID chain) {
        int sealed = 0;
        for (int n = SEAL_BATCH; n == SEAL_BATCH; sealed += n) {
            // A reader's seal can meet the background sealer of another node (a deadlock or serialization failure,
            // rolled back): it runs again rather than failing the reader's request with 409.
            n = dev.hush.application.secret.Retries.onConflict(() -> tx.write(() -> sealLocked(chain, log.lockHead(chain))));
        }
        return sealed;
    }

    /**
     * One pass of the sealer that runs on every node: seals each chain with journaled events, skipping a chain
     * whose head another node holds (it is sealing it). Returns the number of events sealed.
     */
    public int sealWaiting() {
        int sealed = 0;
        for (UUID chain : tx.read(() -> journal.chainsWaiting(1000))) {
            sealed += tx.write(() -> log.tryLockHead(chain).map(head -> sealLocked(chain, head)).orElse(0));
        }
        return sealed;
    }

    /** With the chain's head locked: chains up to {@link #SEAL_BATCH} journaled events after it and removes them from the journal. */
    private int sealLocked(UUID chain, AuditLog.Head head) {
        List<AuditJournal.Waiting> waiting = journal.waiting(chain, SEAL_BATCH);
        if (waiting.isEmpty()) {
            return 0;
        }
        List<AuditEvent> events = new ArrayList<>(waiting.size());
        List<Long> ids = new ArrayList<>(waiting.size());
        long seq = head.seq();
        String prev = head.hash();
        for (AuditJournal.Waiting w : waiting) {
            AuditEvent e = AuditEvent.append(chain, seq, prev, w.at(), w.entry());
            events.add(e);
            ids.add(w.id());
            seq = e.seq();
            prev = e.hash();
        }
        log.appendAll(events);
        journal.remove(ids);
        return events.size();
    }

    private AuditJournal.Pending pending(UUID chain, Caller caller, String action, String resource, String detail) {
        return new AuditJournal.Pending(chain, now(), new AuditEvent.Entry(Optional.of(caller.userId()), caller.tokenId(), action, resource,
                "success", caller.client().ip(), caller.client().userAgent(), detail), caller.tokenId());
    }

    /** Microseconds: what the database stores, so the hash verifies after a round trip. */
    private Instant now() { return clock.instant().truncatedTo(ChronoUnit.MICROS); }
}
