package dev.hush.persistence;

import dev.hush.application.port.LoginFailures;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

@Singleton
final class JdbcLoginFailures implements LoginFailures {
    private final Jdbc jdbc;

    JdbcLoginFailures(Jdbc jdbc) { this.jdbc = jdbc; }

    @Override
    public Optional<Window> window(String key) {
        return jdbc.one("SELECT window_start, failures FROM login_failures WHERE throttle_key = ?",
                rs -> new Window(Jdbc.instant(rs, "window_start"), rs.getInt("failures")), key);
    }

    @Override
    public void recordFailure(String key, Instant now, Instant windowStartAfter) {
        // An atomic increment in the database: concurrent failures on several nodes are all counted.
        int updated = jdbc.update("UPDATE login_failures SET failures = CASE WHEN window_start < ? THEN 1 ELSE failures + 1 END, "
                + "window_start = CASE WHEN window_start < ? THEN ? ELSE window_start END WHERE throttle_key = ?",
                windowStartAfter, windowStartAfter, now, key);
        if (updated == 0) {
            // Two nodes inserting the first failure at once: one gets a conflict and its caller retries.
            jdbc.update("INSERT INTO login_failures (throttle_key, window_start, failures) VALUES (?, ?, 1)", key, now);
        }
    }

    @Override
    public void reset(String key) {
        jdbc.update("DELETE FROM login_failures WHERE throttle_key = ?", key);
    }
}
