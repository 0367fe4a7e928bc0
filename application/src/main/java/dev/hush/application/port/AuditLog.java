package dev.hush.application.port;

import dev.hush.domain.audit.AuditEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stored audit chains. Append-only: there is no update and no delete of single events. */
public interface AuditLog {
    /** Locks the chain's head until the transaction ends and returns (seq, hash) of its last event. */
    Head lockHead(UUID chain);

    /** The chain's head without locking it ((0, genesis) for an empty chain). */
    Head lockHeadForRead(UUID chain);

    /** Inserts the event and moves the head to it. */
    void append(AuditEvent event);

    List<AuditEvent> find(UUID chain, Filter filter, int limit, int offset);

    long count(UUID chain, Filter filter);

    /** Events of the chain in order, from {@code afterSeq} on, at most {@code max}. */
    List<AuditEvent> range(UUID chain, long afterSeq, int max);

    /** Removes a whole chain (the organization is deleted). */
    void deleteChain(UUID chain);

    record Head(long seq, String hash) {}

    /** Optional filters: action (exact or prefix ending in '.'), actor user id, time range. */
    record Filter(Optional<String> action, Optional<UUID> actor, Optional<Instant> from, Optional<Instant> to) {
        public static final Filter NONE = new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
