package dev.hush.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Each environment's change feed: what changed (keys, never values), in an order every node agrees on. Call
 * {@link #append} inside the change's transaction. Changes are kept for a while, then {@linkplain #prune pruned}; the
 * feed remembers up to which revision, so a watcher resuming from before it is told rather than silently skipped.
 */
public interface EnvironmentFeed {
    /** Records a change of the environment, committed with the change. */
    void append(UUID environmentId, String type, List<String> keys, Instant at);

    /**
     * For each environment of {@code revisions} (one read for all of them), up to {@code max} changes after its
     * revision, oldest first: only changes that no running transaction can precede any more, so a reader that goes on
     * from the last revision it got misses none and gets none twice. Environments without such changes are absent.
     */
    Map<UUID, List<Event>> after(Map<UUID, Long> revisions, int max);

    /** The changes of one environment after {@code revision}: {@link #after(Map, int)} for one. */
    default List<Event> after(UUID environmentId, long revision, int max) {
        return after(Map.of(environmentId, revision), max).getOrDefault(environmentId, List.of());
    }

    /** The newest revision of the environment that was pruned (0 when none was): the changes up to it are gone. */
    long prunedThrough(UUID environmentId);

    /** Deletes the changes recorded before {@code before}, remembering each environment's newest pruned revision. */
    void prune(Instant before);

    /** A change: its revision (increasing within the environment), type, keys and time. */
    record Event(long revision, String type, List<String> keys, Instant at) {
        public Event {
            keys = List.copyOf(keys);
        }
    }
}
