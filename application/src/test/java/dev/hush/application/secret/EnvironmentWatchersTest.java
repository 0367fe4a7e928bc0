package dev.hush.application.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.application.auth.Caller;
import dev.hush.application.fakes.World;
import dev.hush.application.port.EnvironmentFeed;
import dev.hush.domain.Rejection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnvironmentWatchersTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");
    private final EnvironmentWatchers watchers = new EnvironmentWatchers(world.watchEnvironment, Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofMillis(300));

    /** What a client received: "type keys" per change, "heartbeat N", "ended code". */
    static class Client implements EnvironmentWatchers.Sink {
        final List<String> got = new CopyOnWriteArrayList<>();
        final List<Long> revisions = new CopyOnWriteArrayList<>();
        final AtomicBoolean ready = new AtomicBoolean(true);

        @Override
        public boolean ready() { return ready.get(); }

        @Override
        public void changes(List<EnvironmentFeed.Event> events) {
            events.forEach(e -> {
                got.add(e.type() + " " + e.keys());
                revisions.add(e.revision());
            });
        }

        @Override
        public void heartbeat(long revision) { got.add("heartbeat " + revision); }

        @Override
        public void ended(Rejection why) { got.add("ended " + why.code()); }

        List<String> changes() { return got.stream().filter(s -> !s.startsWith("heartbeat")).toList(); }
    }

    @AfterEach
    void close() {
        watchers.close();
    }

    private EnvironmentWatchers.Watch watch(Caller caller, Supplier<Caller> again, String env, long since, Client client) {
        var w = watchers.open(caller, again, "acme", "api", env, since, client);
        w.start();
        return w;
    }

    @Test
    void manyWatches_getTheirEnvironmentsChanges_onceAndInOrder_fromOneReadPerRound() {
        Client[] prod = {new Client(), new Client(), new Client()};
        Client dev = new Client();
        for (Client c : prod) {
            watch(acme.viewer(), acme::viewer, "prod", 0, c);
        }
        watch(acme.developer(), acme::developer, "dev", 0, dev);
        assertThat(watchers.running()).isEqualTo(4);

        world.set(acme.owner(), acme, "prod", "A", "value-a");
        world.set(acme.owner(), acme, "dev", "D", "value-d");
        world.set(acme.owner(), acme, "prod", "A", "value-a2");
        world.set(acme.owner(), acme, "prod", "B", "value-b");

        for (Client c : prod) {
            until(() -> c.changes().size() == 3);
            assertThat(c.changes()).containsExactly("secret.created [A]", "secret.updated [A]", "secret.created [B]");
            assertThat(c.revisions).isSorted().doesNotHaveDuplicates();
        }
        until(() -> dev.changes().size() == 1);
        assertThat(dev.changes()).containsExactly("secret.created [D]");

        int before = world.environmentFeed.reads.get();
        sleep(200);
        int rounds = world.environmentFeed.reads.get() - before;
        assertThat(rounds).as("one read per round for all four watches, every 10 ms").isBetween(2, 25);
    }

    @Test
    void aResumedWatch_startsAfterItsRevision() {
        Client first = new Client();
        var w = watch(acme.developer(), acme::developer, "dev", 0, first);
        world.set(acme.owner(), acme, "dev", "A", "1");
        world.set(acme.owner(), acme, "dev", "B", "1");
        until(() -> first.changes().size() == 2);
        long resumeFrom = first.revisions.get(0);
        w.cancel();
        assertThat(w.revision()).isEqualTo(first.revisions.get(1));

        Client second = new Client();
        watch(acme.developer(), acme::developer, "dev", resumeFrom, second);
        world.set(acme.owner(), acme, "dev", "C", "1");
        until(() -> second.changes().size() == 2);
        assertThat(second.changes()).containsExactly("secret.created [B]", "secret.created [C]");
        sleep(100);
        assertThat(first.changes()).hasSize(2);
    }

    @Test
    void anIdleWatch_getsHeartbeats_withItsLastRevision() {
        Client c = new Client();
        watch(acme.developer(), acme::developer, "dev", 0, c);
        world.set(acme.owner(), acme, "dev", "A", "1");
        until(() -> c.got.size() >= 2);
        assertThat(c.got.get(0)).isEqualTo("secret.created [A]");
        assertThat(c.got.get(1)).isEqualTo("heartbeat " + c.revisions.get(0));
    }

    @Test
    void aRevokedCredential_orLostAccess_endsTheWatchWithinARecheck_beforeAnyFurtherChange() {
        AtomicBoolean revoked = new AtomicBoolean();
        Client token = new Client();
        watch(acme.developer(), () -> {
            if (revoked.get()) {
                throw Rejection.unauthenticated();
            }
            return acme.developer();
        }, "dev", 0, token);
        AtomicReference<Caller> who = new AtomicReference<>(acme.developer());
        Client moved = new Client();
        watch(acme.developer(), who::get, "dev", 0, moved);

        revoked.set(true);
        who.set(world.team("elsewhere").owner());
        world.set(acme.owner(), acme, "dev", "AFTER_REVOCATION", "1");
        until(() -> token.got.size() == 1 && moved.got.size() == 1);
        assertThat(token.got).containsExactly("ended unauthenticated");
        assertThat(moved.got).containsExactly("ended organization_not_found");
        assertThat(watchers.running()).isZero();
    }

    @Test
    void aClientThatIsNotReady_isSkipped_andGetsEverythingOnceReady() {
        Client slow = new Client();
        slow.ready.set(false);
        watch(acme.developer(), acme::developer, "dev", 0, slow);
        for (int i = 0; i < 5; i++) {
            world.set(acme.owner(), acme, "dev", "K" + i, "1");
        }
        sleep(150);
        assertThat(slow.got).isEmpty();
        slow.ready.set(true);
        until(() -> slow.changes().size() == 5);
        assertThat(slow.changes()).containsExactly("secret.created [K0]", "secret.created [K1]", "secret.created [K2]", "secret.created [K3]",
                "secret.created [K4]");
    }

    @Test
    void aClientThatFails_isForgotten() {
        Client gone = new Client() {
            @Override
            public void changes(List<EnvironmentFeed.Event> events) { throw new IllegalStateException("connection reset"); }
        };
        watch(acme.developer(), acme::developer, "dev", 0, gone);
        world.set(acme.owner(), acme, "dev", "A", "1");
        until(() -> watchers.running() == 0);
        assertThat(gone.got).isEmpty();
    }

    @Test
    void stopping_endsEveryWatch_withItsRevision_andRefusesNewOnes() throws Exception {
        Client a = new Client();
        Client b = new Client();
        watch(acme.developer(), acme::developer, "dev", 0, a);
        watch(acme.viewer(), acme::viewer, "prod", 0, b);
        var drained = watchers.stop().toCompletableFuture();
        drained.get(5, java.util.concurrent.TimeUnit.SECONDS);
        // A heartbeat may come first on a busy machine (one every 300 ms here): the ending is what is tested.
        assertThat(a.changes()).containsExactly("ended server_stopping");
        assertThat(b.changes()).containsExactly("ended server_stopping");
        assertThatThrownBy(() -> watch(acme.developer(), acme::developer, "dev", 0, new Client()))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("server_stopping"));
    }

    @Test
    void aRefusedWatch_isRefusedAtOnce_andNotOpen() {
        assertThatThrownBy(() -> watch(acme.viewer(), acme::viewer, "nope", 0, new Client())).isInstanceOf(Rejection.class);
        assertThat(watchers.running()).isZero();
    }

    /** Waits up to 5 s for the condition, failing if it never holds. */
    private static void until(java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the condition did not hold within 5 s").isLessThan(end);
            sleep(5);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
