package dev.hush.application.port;

import dev.hush.domain.audit.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Audit events not yet in their chain. Adding one takes no lock, so requests of one organization never queue
 * behind each other to be audited; {@link dev.hush.application.audit.Audit#seal} moves them into the chain in
 * journal order. Call inside a transaction.
 */
public interface AuditJournal {
    /**
     * Adds the event; when {@link Pending#activeToken} is set, only if that API token is still neither revoked
     * nor expired at the event's time, checked by the same statement: false, with nothing added, otherwise.
     */
    boolean add(Pending event);

    /** {@link #add} for many events in one round trip; per event, whether it was added. */
    List<Boolean> addAll(List<Pending> events);

    /** Chains with events waiting, at most {@code max}. */
    List<UUID> chainsWaiting(int max);

    /** The chain's waiting events in journal order, at most {@code max}. */
    List<Waiting> waiting(UUID chain, int max);

    /** Removes sealed events from the journal. */
    void remove(List<Long> ids);

    record Pending(UUID chain, Instant at, AuditEvent.Entry entry, Optional<UUID> activeToken) {}

    record Waiting(long id, Instant at, AuditEvent.Entry entry) {}
}
