package dev.hush.application.auth;

import dev.hush.application.port.LoginFailures;
import dev.hush.application.port.Transactions;
import dev.hush.domain.Rejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * At most {@value #MAX_FAILURES} failed logins per account and per client address in a
 * {@value #WINDOW_MINUTES}-minute window; then 429 with Retry-After until the window ends. The account
 * key is the normalized address, so case and Unicode variants count together; the client address is the
 * TCP peer (X-Forwarded-For is not trusted). Counters live in the database, shared by all nodes.
 */
public final class LoginThrottle {
    static final int MAX_FAILURES = 10;
    static final int WINDOW_MINUTES = 15;
    private static final Duration WINDOW = Duration.ofMinutes(WINDOW_MINUTES);

    private final LoginFailures failures;
    private final Transactions tx;
    private final Clock clock;
    private final String scope;

    /** {@code scope} separates counters of different actions ("login", "forgot"). */
    public LoginThrottle(LoginFailures failures, Transactions tx, Clock clock, String scope) {
        this.failures = failures;
        this.tx = tx;
        this.clock = clock;
        this.scope = scope;
    }

    List<String> keys(String normalizedEmail, Client client) {
        String account = scope + ":account:" + normalizedEmail;
        return client.ip() == null ? List.of(account) : List.of(account, scope + ":address:" + client.ip());
    }

    /** Refuses with 429 when any key is over its limit. */
    public void check(String normalizedEmail, Client client) {
        Instant now = clock.instant();
        for (String key : keys(normalizedEmail, client)) {
            var window = tx.read(() -> failures.window(key));
            if (window.isPresent() && window.get().failures() >= MAX_FAILURES && window.get().start().plus(WINDOW).isAfter(now)) {
                long wait = Duration.between(now, window.get().start().plus(WINDOW)).toSeconds() + 1;
                throw Rejection.rateLimited(wait, "Too many failed logins; try again in " + wait + " seconds.");
            }
        }
    }

    public void failed(String normalizedEmail, Client client) {
        Instant now = clock.instant();
        for (String key : keys(normalizedEmail, client)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    tx.write(() -> {
                        failures.recordFailure(key, now, now.minus(WINDOW));
                        return null;
                    });
                    break;
                } catch (Rejection raced) {
                    if (attempt == 3) {
                        throw raced;
                    }
                }
            }
        }
    }

    public void succeeded(String normalizedEmail) {
        tx.write(() -> {
            failures.reset(scope + ":account:" + normalizedEmail);
            return null;
        });
    }
}
