package dev.hush.application.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.application.auth.Caller;
import dev.hush.application.auth.Client;
import dev.hush.application.port.Plans;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.UsageCounts;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.TokenScope;
import dev.hush.domain.access.User;
import dev.hush.domain.plan.Limit;
import dev.hush.domain.plan.Plan;
import dev.hush.domain.plan.PlanLimits;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The metering of one node against a shared store: once per request, exact at the limit under concurrent
 * requests, and no request forgotten while a flush is in flight or after one failed.
 */
class ApiUsageTest {
    final UUID org = UUID.randomUUID();
    final AtomicLong shared = new AtomicLong();
    final AtomicInteger adds = new AtomicInteger();
    volatile long limit = 5;
    volatile RuntimeException failNextAdd;
    volatile CountDownLatch addEntered;
    volatile CountDownLatch releaseAdd;

    final Object store = Proxy.newProxyInstance(Plans.class.getClassLoader(), new Class<?>[] {Plans.class, UsageCounts.class}, (proxy, method, args) -> {
        switch (method.getName()) {
            case "orgPlan":
                return Optional.of(new Plans.OrgPlan(org, "acme", "Acme", Plan.FREE, "active",
                        new PlanLimits(Map.of(Limit.API_REQUESTS_PER_MONTH, limit)), Instant.EPOCH));
            case "apiRequests":
                return shared.get();
            case "addApiRequests":
                if (addEntered != null) {
                    addEntered.countDown();
                    releaseAdd.await(10, TimeUnit.SECONDS);
                }
                RuntimeException fail = failNextAdd;
                if (fail != null) {
                    failNextAdd = null;
                    throw fail;
                }
                adds.incrementAndGet();
                shared.addAndGet((Long) args[2]);
                return null;
            default:
                throw new UnsupportedOperationException(method.getName());
        }
    });

    final Transactions tx = new Transactions() {
        @Override
        public <T> T write(Supplier<T> work) { return work.get(); }

        @Override
        public <T> T read(Supplier<T> work) { return work.get(); }
    };

    /** Billing off: the organization's own override is its only limit. The shared count is re-read at every request. */
    final ApiUsage usage = new ApiUsage((UsageCounts) store, new PlanPolicy((Plans) store, (UsageCounts) store, false), tx, Clock.systemUTC(), Duration.ZERO);

    static Caller request() {
        return new Caller(new User(UUID.randomUUID(), "dev@example.com", "Dev", "x", false, Instant.EPOCH), TokenScope.unrestricted(),
                Optional.empty(), Optional.empty());
    }

    boolean tryCharge(Caller caller) {
        try {
            usage.charge(caller, org);
            return true;
        } catch (Rejection r) {
            assertThat(r.code()).isEqualTo("plan_limit_reached");
            return false;
        }
    }

    @Test
    void theQuota_saysTheLimitWhatIsLeftAndWhenItResets_withoutReadingAgain() {
        assertThat(usage.quota(org)).as("not read yet").isEmpty();
        usage.charge(request(), org);
        usage.charge(request(), org);
        var quota = usage.quota(org).orElseThrow();
        assertThat(quota.limit()).isEqualTo(5);
        assertThat(quota.remaining()).isEqualTo(3);
        assertThat(quota.resetSeconds()).isPositive().isLessThanOrEqualTo(31L * 24 * 3600);
        usage.flush();
        assertThat(usage.quota(org).orElseThrow().remaining()).as("flushed: the same").isEqualTo(3);
        limit = dev.hush.domain.plan.PlanLimits.UNLIMITED;
        usage.forget(org);
        usage.charge(request(), org);
        assertThat(usage.quota(org)).as("unlimited: no quota to tell").isEmpty();
    }

    @Test
    void aRequestThatResolvesTheOrganizationSeveralTimes_countsOnce() {
        Caller one = request();
        usage.charge(one, org);
        usage.charge(one, org);
        usage.charge(one.from(Client.UNKNOWN), org); // the same request, seen through another layer
        usage.flush();
        assertThat(shared.get()).isEqualTo(1);
        usage.charge(request(), org);
        usage.flush();
        assertThat(shared.get()).isEqualTo(2);
        assertThat(adds.get()).isEqualTo(2);
    }

    @Test
    void concurrentRequestsOnOneNode_passTheLimitExactlyNever() throws Exception {
        limit = 50;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger served = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        try {
            var futures = new java.util.ArrayList<Future<?>>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 20; i++) {
                        if (tryCharge(request())) {
                            served.incrementAndGet();
                        }
                        if (i % 7 == 0) {
                            usage.flush(); // flushes racing with requests change nothing
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        usage.flush();
        assertThat(served.get()).isEqualTo(50);
        assertThat(shared.get()).as("every served request recorded once").isEqualTo(50);
    }

    @Test
    void requestsInAFlushThatHasNotCommitted_stillCount() throws Exception {
        for (int i = 0; i < 5; i++) {
            usage.charge(request(), org);
        }
        addEntered = new CountDownLatch(1);
        releaseAdd = new CountDownLatch(1);
        Thread flusher = new Thread(usage::flush);
        flusher.start();
        assertThat(addEntered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(tryCharge(request())).as("5 of 5 used, though none is in the shared count yet").isFalse();
        releaseAdd.countDown();
        flusher.join(10_000);
        addEntered = null;
        assertThat(shared.get()).isEqualTo(5);
        assertThat(tryCharge(request())).as("and once they are, still refused").isFalse();
        limit = 6;
        assertThat(tryCharge(request())).as("a raised limit applies at the next read").isTrue();
    }

    @Test
    void aFailedFlush_losesNothing_andSendsNothingTwice() {
        for (int i = 0; i < 3; i++) {
            usage.charge(request(), org);
        }
        failNextAdd = new IllegalStateException("database down");
        assertThatThrownBy(usage::flush).hasMessage("database down");
        assertThat(shared.get()).isZero();
        usage.charge(request(), org);
        usage.charge(request(), org);
        assertThat(tryCharge(request())).as("the 3 unsent requests still count against the limit").isFalse();
        usage.flush();
        assertThat(shared.get()).isEqualTo(5);
        usage.flush();
        assertThat(shared.get()).as("nothing sent twice").isEqualTo(5);
    }
}
