package dev.hush.application.audit;

import dev.hush.application.auth.Caller;
import dev.hush.application.auth.Client;
import dev.hush.application.port.AuditLog;
import dev.hush.application.port.Transactions;
import dev.hush.domain.audit.AuditEvent;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Appends audit events to a chain. {@link #record} runs inside the caller's transaction, so an event
 * exists exactly when its change does; appends to one chain are serialized by the chain's head row.
 * Details name keys and counts, never values.
 */
public final class Audit {
    private final AuditLog log;
    private final Transactions tx;
    private final Clock clock;

    public Audit(AuditLog log, Transactions tx, Clock clock) {
        this.log = log;
        this.tx = tx;
        this.clock = clock;
    }

    /** A successful action of an authenticated caller, inside the current transaction. */
    public void record(UUID chain, Caller caller, String action, String resource, String detail) {
        append(chain, new AuditEvent.Entry(Optional.of(caller.userId()), caller.tokenId(), action, resource, "success",
                caller.client().ip(), caller.client().userAgent(), detail));
    }

    /** An event without an authenticated caller (a failed login), in a transaction of its own. */
    public void recordAlone(UUID chain, Optional<UUID> user, Client client, String action, String resource, String result, String detail) {
        tx.write(() -> {
            append(chain, new AuditEvent.Entry(user, Optional.empty(), action, resource, result, client.ip(), client.userAgent(), detail));
            return null;
        });
    }

    /** An event without an authenticated caller, inside the current transaction. */
    public void recordWithin(UUID chain, Optional<UUID> user, Client client, String action, String resource, String detail) {
        append(chain, new AuditEvent.Entry(user, Optional.empty(), action, resource, "success", client.ip(), client.userAgent(), detail));
    }

    private void append(UUID chain, AuditEvent.Entry entry) {
        AuditLog.Head head = log.lockHead(chain);
        // Microseconds: what both databases store, so the hash verifies after a round trip.
        log.append(AuditEvent.append(chain, head.seq(), head.hash(), clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS), entry));
    }
}
