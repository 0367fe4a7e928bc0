package dev.hush.application.port;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Each environment's change feed: what changed (keys, never values), in an order every node agrees on. Call
 * {@link #append} inside the change's transaction.
 */
public interface EnvironmentFeed {
    /** Records a change of the environment, committed with the change. */
    void append(UUID environmentId, String type, List<String> keys, Instant at);

    /**
     * Up to {@code max} changes after {@code revision}, oldest first: only changes that no running transaction can
     * precede any more, so a reader that goes on from the last revision it got misses none and gets none twice.
     */
    List<Event> after(UUID environmentId, long revision, int max);

    /** A change: its revision (increasing within the environment), type, keys and time. */
    record Event(long revision, String type, List<String> keys, Instant at) {
        public Event {
            keys = List.copyOf(keys);
        }
    }
}
