package dev.hush.application.auth;

import dev.hush.application.port.LoginFailures;
import dev.hush.application.port.Transactions;
import dev.hush.domain.Rejection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Failed logins counted in a {@value #WINDOW_MINUTES}-minute window, three ways; past any limit, 429 with
 * Retry-After until that window ends:
 * <ul>
 *   <li>per account and client address: {@value #MAX_FAILURES} (the guesser at one address);</li>
 *   <li>per client address: {@value #MAX_FAILURES} (one address trying many accounts);</li>
 *   <li>per account from everywhere: {@value #ACCOUNT_CEILING} (guessing spread over many addresses), so an
 *       attacker elsewhere cannot lock the owner out with ten wrong passwords.</li>
 * </ul>
 * The account key is the normalized address (case and Unicode variants count together); the client address
 * is the TCP peer, or the client behind a trusted proxy, an IPv6 one counted by its /64. Counters live in the database, shared by all nodes.
 */
public final class LoginThrottle {
    static final int MAX_FAILURES = 10;
    static final int ACCOUNT_CEILING = 100;
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

    record Counter(String key, int limit) {}

    List<Counter> counters(String normalizedEmail, Client client) {
        String account = scope + ":account:" + normalizedEmail;
        String address = client.throttleKey();
        if (address == null) {
            return List.of(new Counter(account, MAX_FAILURES));
        }
        return List.of(new Counter(scope + ":pair:" + normalizedEmail + "|" + address, MAX_FAILURES),
                new Counter(scope + ":address:" + address, MAX_FAILURES),
                new Counter(account, ACCOUNT_CEILING));
    }

    /** Refuses with 429 when any counter is over its limit. */
    public void check(String normalizedEmail, Client client) {
        Instant now = clock.instant();
        List<Counter> counters = counters(normalizedEmail, client);
        // One read transaction for every counter: this runs before each login.
        long wait = tx.read(() -> {
            for (Counter counter : counters) {
                var window = failures.window(counter.key());
                if (window.isPresent() && window.get().failures() >= counter.limit() && window.get().start().plus(WINDOW).isAfter(now)) {
                    return Duration.between(now, window.get().start().plus(WINDOW)).toSeconds() + 1;
                }
            }
            return 0L;
        });
        if (wait > 0) {
            throw Rejection.rateLimited(wait, "Too many failed attempts; try again in " + wait + " seconds.");
        }
    }

    public void failed(String normalizedEmail, Client client) {
        Instant now = clock.instant();
        for (Counter counter : counters(normalizedEmail, client)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    tx.write(() -> {
                        failures.recordFailure(counter.key(), now, now.minus(WINDOW));
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

    /**
     * A success clears this account's counter at this address (and the account key when there is no address);
     * the account-wide ceiling is left to expire, so a login of the owner does not hand a distributed guesser
     * a fresh allowance.
     */
    public void succeeded(String normalizedEmail, Client client) {
        tx.write(() -> {
            failures.reset(client.throttleKey() == null ? scope + ":account:" + normalizedEmail
                    : scope + ":pair:" + normalizedEmail + "|" + client.throttleKey());
            return null;
        });
    }
}
