package dev.hush.application.plan;

import dev.hush.application.auth.Caller;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.UsageCounts;
import dev.hush.domain.Rejection;
import dev.hush.domain.plan.Limit;
import dev.hush.domain.plan.PlanLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meters API requests to organizations for the {@code apiRequestsPerMonth} limit. A request that reaches an
 * organization's projects or secrets counts once for it (however many times the request resolves the
 * organization), in memory; every few seconds each node adds its counts to the month's row shared by all
 * nodes.
 *
 * <p>The check is exact on one node: "shared count as last read + this node's requests not in it" is
 * compared with the limit and incremented in one atomic step, and a node's requests stay in the second term
 * until the flush that carries them has committed, so neither a flush in progress nor a failed one makes a
 * node forget them. Other nodes' requests become visible once they have flushed and this node has re-read the
 * shared count (at most every {@code refresh}), so with several nodes an organization can pass its limit by
 * what the others serve in that time. Months are calendar months in UTC.
 */
public final class ApiUsage {
    private final UsageCounts counts;
    private final PlanPolicy policy;
    private final Transactions tx;
    private final Clock clock;
    private final Duration refresh;
    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();
    private final Map<UUID, Known> known = new ConcurrentHashMap<>();

    record Key(UUID orgId, LocalDate month) {}

    /**
     * This node's requests for one organization and month: {@code counted} in all, {@code taken} into flushes,
     * {@code committed} by flushes that succeeded. Changed only under the map's lock for the key (compute).
     */
    static final class Counter {
        long counted;
        long taken;
        long committed;
    }

    /** The limit and the shared count as last read, with how many of this node's requests had been committed before the read. */
    record Known(long limit, LocalDate month, long shared, long committedBefore, Instant readAt) {}

    public ApiUsage(UsageCounts counts, PlanPolicy policy, Transactions tx, Clock clock, Duration refresh) {
        this.counts = counts;
        this.policy = policy;
        this.tx = tx;
        this.clock = clock;
        this.refresh = refresh;
    }

    /** The first day of the current month (UTC). */
    public LocalDate month() { return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).withDayOfMonth(1); }

    /**
     * Counts this request for the organization, once per request, or refuses it with 402
     * {@code plan_limit_reached} when the month's requests have reached the limit (a refused request is not
     * counted). Called by each metered use case right after it resolved the organization (projects, secrets,
     * templates, the workspace); billing is not metered, so an organization that used up its requests can still
     * see its plan and upgrade. Call inside a transaction: the limit and the shared count may be read.
     */
    public void charge(Caller caller, UUID orgId) {
        if (caller.chargedFor(orgId)) {
            return;
        }
        LocalDate month = month();
        Known k = known(orgId, month);
        boolean[] refused = {false};
        counters.compute(new Key(orgId, month), (key, c) -> {
            Counter counter = c == null ? new Counter() : c;
            // Everything this node counted that the shared count read did not hold yet (committed only grows).
            long notInShared = counter.counted - k.committedBefore();
            if (k.limit() != PlanLimits.UNLIMITED && k.shared() + notInShared >= k.limit()) {
                refused[0] = true;
            } else if (caller.markCharged(orgId)) {
                counter.counted++;
            }
            return counter;
        });
        if (refused[0]) {
            throw new Rejection(Rejection.Kind.PAYMENT_REQUIRED, "plan_limit_reached", "The organization's plan allows " + k.limit()
                    + " API requests a month, and this month's are used: upgrade the plan or ask an admin to raise the limit. "
                    + "The count starts again on the first of next month (UTC).",
                    List.of(new Rejection.FieldError(Limit.API_REQUESTS_PER_MONTH.wire(), "limit " + k.limit() + " reached")));
        }
    }

    /** What is left of an organization's monthly API requests, for the {@code RateLimit-*} answer headers. */
    public record Quota(long limit, long remaining, long resetSeconds) {}

    /**
     * The organization's quota as this node last read it (no database read): its limit, the requests left this month
     * (this node's counted ones included) and the seconds until the count starts again. Empty when it is unlimited or
     * was not read this month.
     */
    public java.util.Optional<Quota> quota(UUID orgId) {
        LocalDate month = month();
        Known k = known.get(orgId);
        if (k == null || !k.month().equals(month) || k.limit() == PlanLimits.UNLIMITED) {
            return java.util.Optional.empty();
        }
        long[] counted = {0};
        counters.computeIfPresent(new Key(orgId, month), (key, c) -> {
            counted[0] = c.counted;
            return c;
        });
        long used = k.shared() + Math.max(0, counted[0] - k.committedBefore());
        long reset = Duration.between(clock.instant(), month.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant()).toSeconds();
        return java.util.Optional.of(new Quota(k.limit(), Math.max(0, k.limit() - used), Math.max(0, reset)));
    }

    /** {@link UsageCounts#usage} for this month, with this node's requests not yet in the shared count. Call inside a transaction. */
    public UsageCounts.Usage usage(UUID orgId) {
        Key key = new Key(orgId, month());
        long committedBefore = committed(key);
        UsageCounts.Usage u = counts.usage(orgId, key.month());
        long[] notInShared = {0};
        counters.computeIfPresent(key, (k, c) -> {
            notInShared[0] = c.counted - committedBefore;
            return c;
        });
        return new UsageCounts.Usage(u.projects(), u.members(), u.secrets(), u.webhooks(), u.apiRequests() + notInShared[0]);
    }

    /** Forgets what was read of an organization (after its plan or overrides changed), so the next request reads it again. */
    public void forget(UUID orgId) { known.remove(orgId); }

    /** Forgets what was read of every organization (after a plan's limits changed). */
    public void forgetAll() { known.clear(); }

    private long committed(Key key) {
        long[] out = {0};
        counters.computeIfPresent(key, (k, c) -> {
            out[0] = c.committed;
            return c;
        });
        return out[0];
    }

    private Known known(UUID orgId, LocalDate month) {
        Instant now = clock.instant();
        Known k = known.get(orgId);
        if (k == null || !k.month().equals(month) || !k.readAt().plus(refresh).isAfter(now)) {
            Key key = new Key(orgId, month);
            long committedBefore = committed(key);
            long limit = policy.effective(orgId).get(Limit.API_REQUESTS_PER_MONTH);
            long shared = counts.apiRequests(orgId, month);
            long committedAfter = committed(key);
            // A flush that committed during the read may or may not be in it: count it as not in it (refuse a
            // little early rather than let requests through), and read again at the next request.
            k = new Known(limit, month, shared, committedBefore, committedAfter == committedBefore ? now : Instant.MIN);
            known.put(orgId, k);
        }
        return k;
    }

    /**
     * Adds this node's counts to the shared rows, one organization per transaction; counts whose write fails
     * are kept and sent with the next flush (none is lost, none is sent twice).
     */
    public synchronized void flush() {
        LocalDate month = month();
        RuntimeException failure = null;
        for (Key key : new ArrayList<>(counters.keySet())) {
            long[] batch = {0};
            counters.computeIfPresent(key, (k, c) -> {
                batch[0] = c.counted - c.taken;
                c.taken = c.counted;
                // A past month's counter that is all committed is done with.
                return batch[0] == 0 && c.committed == c.counted && !k.month().equals(month) ? null : c;
            });
            if (batch[0] == 0) {
                continue;
            }
            boolean sent = false;
            try {
                tx.write(() -> {
                    counts.addApiRequests(key.orgId(), key.month(), batch[0]);
                    return null;
                });
                sent = true;
            } catch (RuntimeException e) {
                failure = e;
            }
            boolean ok = sent;
            counters.computeIfPresent(key, (k, c) -> {
                if (ok) {
                    c.committed += batch[0];
                } else {
                    c.taken -= batch[0]; // sent again next time
                }
                return c;
            });
        }
        if (failure != null) {
            throw failure;
        }
    }
}
