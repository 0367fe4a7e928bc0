package dev.hush.application.port;

import java.time.Instant;
import java.util.Optional;

/** Failed-login counters in fixed windows, shared by all server nodes. */
public interface LoginFailures {
    /** The current window of a key: its start and its failure count. */
    Optional<Window> window(String key);

    /** Adds one failure; starts a new window at {@code now} when the old one began before {@code windowStartAfter}. */
    void recordFailure(String key, Instant now, Instant windowStartAfter);

    void reset(String key);

    record Window(Instant start, int failures) {}
}
