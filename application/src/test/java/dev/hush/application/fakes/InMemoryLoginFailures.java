package dev.hush.application.fakes;

import dev.hush.application.port.LoginFailures;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Failure windows by key. */
public final class InMemoryLoginFailures extends InMemoryStore implements LoginFailures {
    private final Map<String, Window> windows = table();

    public InMemoryLoginFailures(FakeTransactions tx) { super(tx); }

    @Override
    public Optional<Window> window(String key) {
        reading();
        return Optional.ofNullable(windows.get(key));
    }

    @Override
    public void recordFailure(String key, Instant now, Instant windowStartAfter) {
        writing();
        Window w = windows.get(key);
        windows.put(key, w == null || w.start().isBefore(windowStartAfter) ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
    }

    @Override
    public void reset(String key) {
        writing();
        windows.remove(key);
    }

    /** Test view: the failures counted for a key (0 without a window). */
    public int failures(String key) { return Optional.ofNullable(windows.get(key)).map(Window::failures).orElse(0); }
}
