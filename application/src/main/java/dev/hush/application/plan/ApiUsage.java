package dev.hush.application.plan;

import dev.hush.application.auth.Caller;
import dev.hush.application.port.Plans;
import dev.hush.application.port.Transactions;
import dev.hush.domain.Rejection;
import dev.hush.domain.plan.Limit;
import dev.hush.domain.plan.PlanLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Meters API requests to organizations for the {@code apiRequestsPerMonth} limit. Each request that
 * reaches an organization's resources counts once for it (however many times the request resolves the
 * organization), in memory; every few seconds each node adds its counts to the month's row shared by all
 * nodes. The check compares the shared count (re-read at most every {@code refresh}) plus this node's unsent
 * requests with the limit, so with several nodes an organization may pass its limit by what the nodes
 * serve within one refresh interval — never by more. Months are calendar months in UTC.
 */
public final class ApiUsage {
    private final Plans plans;
    private final PlanPolicy policy;
    private final Transactions tx;
    private final Clock clock;
    private final Duration refresh;
    private final Map<Key, AtomicLong> pending = new ConcurrentHashMap<>();
    private final Map<UUID, Known> known = new ConcurrentHashMap<>();

    record Key(UUID orgId, LocalDate month) {}

    /** The limit and the shared count as last read. */
    record Known(long limit, LocalDate month, long shared, Instant readAt) {}

    public ApiUsage(Plans plans, PlanPolicy policy, Transactions tx, Clock clock, Duration refresh) {
        this.plans = plans;
        this.policy = policy;
        this.tx = tx;
        this.clock = clock;
        this.refresh = refresh;
    }

    /** The first day of the current month (UTC). */
    public LocalDate month() { return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).withDayOfMonth(1); }

    /**
     * Counts this request for the organization, once per request, or refuses it with 402
     * {@code plan_limit_reached} when the month's requests have reached the limit. Call inside a transaction
     * (the limit and the shared count may be read).
     */
    public void charge(Caller caller, UUID orgId) {
        if (caller.chargedFor(orgId)) {
            return;
        }
        LocalDate month = month();
        Known k = known(orgId, month);
        if (k.limit() != PlanLimits.UNLIMITED) {
            long used = k.shared() + unsent(orgId, month);
            if (used >= k.limit()) {
                throw new Rejection(Rejection.Kind.PAYMENT_REQUIRED, "plan_limit_reached", "The organization's plan allows " + k.limit()
                        + " API requests a month, and this month's are used: upgrade the plan or ask an admin to raise the limit. "
                        + "The count starts again on the first of next month (UTC).",
                        List.of(new Rejection.FieldError(Limit.API_REQUESTS_PER_MONTH.wire(), "limit " + k.limit() + " reached")));
            }
        }
        if (caller.markCharged(orgId)) {
            // Incremented inside the map's atomic compute, so a flush removing an old month's entry cannot lose it.
            pending.compute(new Key(orgId, month), (key, n) -> {
                AtomicLong count = n == null ? new AtomicLong() : n;
                count.incrementAndGet();
                return count;
            });
        }
    }

    /** This month's requests of the organization: every node's recorded ones plus this node's unsent ones. */
    public long thisMonth(UUID orgId) {
        LocalDate month = month();
        return plans.apiRequests(orgId, month) + unsent(orgId, month);
    }

    /** {@link Plans#usage} for this month, with this node's unsent requests added. Call inside a transaction. */
    public Plans.Usage usage(UUID orgId) {
        LocalDate month = month();
        Plans.Usage u = plans.usage(orgId, month);
        return new Plans.Usage(u.projects(), u.members(), u.secrets(), u.webhooks(), u.apiRequests() + unsent(orgId, month));
    }

    /** Forgets what was read of an organization (after its plan or overrides changed), so the next request reads it again. */
    public void forget(UUID orgId) { known.remove(orgId); }

    /** Forgets what was read of every organization (after a plan's limits changed). */
    public void forgetAll() { known.clear(); }

    private long unsent(UUID orgId, LocalDate month) {
        AtomicLong a = pending.get(new Key(orgId, month));
        return a == null ? 0 : a.get();
    }

    private Known known(UUID orgId, LocalDate month) {
        Instant now = clock.instant();
        Known k = known.get(orgId);
        if (k == null || !k.month().equals(month) || k.readAt().plus(refresh).isBefore(now)) {
            k = new Known(policy.effective(orgId).get(Limit.API_REQUESTS_PER_MONTH), month, plans.apiRequests(orgId, month), now);
            known.put(orgId, k);
        }
        return k;
    }

    /** Adds this node's counts to the shared rows; on failure they are kept for the next flush (none is lost). */
    public synchronized void flush() {
        List<Map.Entry<Key, Long>> batch = new ArrayList<>();
        LocalDate month = month();
        for (var e : pending.entrySet()) {
            long n = e.getValue().getAndSet(0); // atomic: a request counted meanwhile stays for the next flush
            if (n > 0) {
                batch.add(Map.entry(e.getKey(), n));
            } else if (!e.getKey().month().equals(month)) {
                pending.computeIfPresent(e.getKey(), (key, count) -> count.get() == 0 ? null : count);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        // One order for every node, so concurrent flushes lock organizations in the same order.
        batch.sort(Comparator.comparing((Map.Entry<Key, Long> e) -> e.getKey().orgId()).thenComparing(e -> e.getKey().month()));
        try {
            tx.write(() -> {
                for (var e : batch) {
                    plans.addApiRequests(e.getKey().orgId(), e.getKey().month(), e.getValue());
                }
                return null;
            });
        } catch (RuntimeException e) {
            for (var back : batch) {
                pending.computeIfAbsent(back.getKey(), x -> new AtomicLong()).addAndGet(back.getValue());
            }
            throw e;
        }
        for (var e : batch) {
            known.remove(e.getKey().orgId()); // what was sent is in the shared count now: read it again next time
        }
    }
}
