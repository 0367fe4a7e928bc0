package dev.hush.application.port;

import dev.hush.domain.audit.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stored audit chains. Append-only: there is no update and no delete of single events. Events reach a chain
 * through the {@link AuditJournal}, sealed in by {@link dev.hush.application.audit.Audit#seal}.
 */
public interface AuditLog {
    /** Locks the chain's head until the transaction ends (waiting for another sealer) and returns (seq, hash) of its last event. */
    Head lockHead(UUID chain);

    /** {@link #lockHead}, or empty at once when another transaction holds the head (it is sealing the chain). */
    Optional<Head> tryLockHead(UUID chain);

    /** The chain's head without locking it ((0, genesis) for an empty chain). */
    Head lockHeadForRead(UUID chain);

    /** Inserts the events (consecutive, following the head) and moves the head to the last one. */
    void appendAll(List<AuditEvent> events);

    List<AuditEvent> find(UUID chain, Filter filter, int limit, int offset);

    long count(UUID chain, Filter filter);

    /** Events of the chain in order, from {@code afterSeq} on, at most {@code max}. */
    List<AuditEvent> range(UUID chain, long afterSeq, int max);

    /** Removes a whole chain, with its events still in the journal (the organization is deleted). */
    void deleteChain(UUID chain);

    record Head(long seq, String hash) {}

    /** Optional filters: action (exact or prefix ending in '.'), actor user id, time range. */
    record Filter(Optional<String> action, Optional<UUID> actor, Optional<Instant> from, Optional<Instant> to) {
        public static final Filter NONE = new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
