package dev.hush.application.keys;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.auth.Client;
import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.fakes.InMemoryRootKeys;
import dev.hush.application.fakes.World;
import dev.hush.application.port.RootKeys;
import dev.hush.application.port.WrappedKeyBlob;
import dev.hush.domain.Rejection;
import dev.hush.domain.audit.AuditEvent;
import dev.hush.domain.tenant.Organization;
import dev.hush.domain.tenant.Slug;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RotateRootKeyTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void rotate_byPlatformAdmin_rewrapsEveryKekToTheNewVersionOnce() {
        var other = world.team("other");
        world.set(acme.owner(), acme, "dev", "K", "v");
        world.rootKeys.rotate();
        var admin = World.session(world.platformAdmin("root@example.com"));

        var r = world.rotateRootKey.rotate(admin, world.rootKeys);

        assertThat(r.organizations()).isEqualTo(2);
        assertThat(r.rewrapped()).isEqualTo(2);
        assertThat(r.keyVersion()).isEqualTo("2");
        assertThat(world.organizations.storedKek(acme.org().id())).hasValueSatisfying(k -> assertThat(k.keyVersion()).isEqualTo("2"));
        assertThat(world.auditActions(other.org())).last().isEqualTo("kms.org_key.rewrapped");
        assertThat(world.platformActions()).last().isEqualTo("kms.root_key.rotated");
        world.keys.forgetOrganization(acme.org().id());
        world.keys.forgetProject(acme.api().project().id(), 1);
        assertThat(world.storedValue(acme, "dev", "K")).contains("v");

        var again = world.rotateRootKey.rotate(admin, world.rootKeys);
        assertThat(again.rewrapped()).isZero();
        assertThat(again.alreadyCurrent()).isEqualTo(2);
    }

    @Test
    void rewrapAll_toAnotherProvider_leavesNothingOnTheOld() {
        var target = new InMemoryRootKeys("new-kms");

        var r = world.rotateRootKey.rewrapAll(world.rootKeys, target);

        assertThat(r.rewrapped()).isEqualTo(1);
        assertThat(world.tx.read(world.organizations::rootKeyIds)).containsExactly("new-kms");
    }

    @Test
    void rotate_byOrdinaryUser_isForbidden() {
        rejected("forbidden", () -> world.rotateRootKey.rotate(acme.owner(), world.rootKeys));
        assertThat(world.auditLog.events(AuditEvent.PLATFORM)).isEmpty();
        assertThat(world.organizations.storedKek(acme.org().id())).hasValueSatisfying(k -> assertThat(k.keyVersion()).isEqualTo("1"));
    }

    /** The world's root key, with hooks run before each unwrap (given the context) and each wrap (material, context). */
    static final class HookedRootKeys implements RootKeys {
        final RootKeys delegate;
        volatile Consumer<byte[]> beforeUnwrap = context -> { };
        volatile BiConsumer<byte[], byte[]> beforeWrap = (material, context) -> { };

        HookedRootKeys(RootKeys delegate) { this.delegate = delegate; }

        @Override
        public String keyId() { return delegate.keyId(); }

        @Override
        public WrappedKeyBlob wrap(byte[] keyMaterial, byte[] context) {
            beforeWrap.accept(keyMaterial, context);
            return delegate.wrap(keyMaterial, context);
        }

        @Override
        public byte[] unwrap(WrappedKeyBlob wrapped, byte[] context) {
            beforeUnwrap.accept(context);
            return delegate.unwrap(wrapped, context);
        }

        @Override
        public void probe() { delegate.probe(); }
    }

    /** {@code n} more organizations (beside acme), their keys wrapped by the root key's current version. */
    List<UUID> organizations(int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            WrappedKeyBlob kek = world.keys.newOrganizationKek(id);
            world.tx.write(() -> {
                world.organizations.insert(new Organization(id, new Slug("org-" + id.toString().substring(0, 8)), "Org", world.clock.instant()), kek);
                return null;
            });
            ids.add(id);
        }
        return ids;
    }

    RotateRootKey withSizes(int page, int group, int kmsConcurrency) {
        return new RotateRootKey(world.organizations, world.tx, world.audit, page, group, kmsConcurrency);
    }

    List<UUID> everyOrganization() {
        return world.tx.read(() -> world.organizations.keksAfter(null, 10_000)).stream().map(k -> k.orgId()).toList();
    }

    long onVersion(String version) {
        return everyOrganization().stream().filter(id -> world.organizations.storedKek(id).orElseThrow().keyVersion().equals(version)).count();
    }

    long rewrapEvents(UUID orgId) {
        return world.auditLog.events(orgId).stream().filter(e -> e.action().equals("kms.org_key.rewrapped")).count();
    }

    @Test
    void rewrapAll_overManyPagesAndGroups_rewrapsEachOnce_auditedOnItsOwnChain_andARerunCallsNoKms() {
        organizations(23);
        world.rootKeys.rotate();
        int unwrapsBefore = world.rootKeys.unwraps.get();

        var r = withSizes(5, 3, 4).rewrapAll(world.rootKeys, world.rootKeys);

        assertThat(r.organizations()).isEqualTo(24);
        assertThat(r.rewrapped()).isEqualTo(24);
        assertThat(onVersion("2")).isEqualTo(24);
        assertThat(everyOrganization()).allSatisfy(id -> assertThat(rewrapEvents(id)).isEqualTo(1));
        assertThat(world.rootKeys.unwraps.get() - unwrapsBefore).isEqualTo(24);
        world.keys.forgetOrganization(acme.org().id());
        world.keys.forgetProject(acme.api().project().id(), 1);
        world.set(acme.owner(), acme, "dev", "K", "after");
        assertThat(world.storedValue(acme, "dev", "K")).contains("after");

        int unwrapsAfter = world.rootKeys.unwraps.get();
        var again = withSizes(5, 3, 4).rewrapAll(world.rootKeys, world.rootKeys);
        assertThat(again.rewrapped()).isZero();
        assertThat(again.alreadyCurrent()).isEqualTo(24);
        assertThat(world.rootKeys.unwraps.get()).as("keys already current need no KMS call").isEqualTo(unwrapsAfter);
    }

    @Test
    void rewrapAll_organizationRewrappedMeanwhileByAnotherRun_isLeftAsThatRunStoredIt() {
        UUID other = organizations(5).get(2);
        world.rootKeys.rotate();
        HookedRootKeys kms = new HookedRootKeys(world.rootKeys);
        AtomicReference<WrappedKeyBlob> byOtherRun = new AtomicReference<>();
        kms.beforeWrap = (material, context) -> {
            if (Arrays.equals(context, KeyHierarchy.orgContext(other)) && byOtherRun.get() == null) {
                // Another node, between this run's read of the key and its write: rewraps and commits first.
                WrappedKeyBlob theirs = world.rootKeys.wrap(material, context);
                byOtherRun.set(theirs);
                world.tx.write(() -> {
                    world.organizations.replaceKeks(Map.of(other, theirs));
                    world.audit.recordWithin(other, Optional.empty(), Client.UNKNOWN, "kms.org_key.rewrapped", "org/" + other, "by another node");
                    return null;
                });
            }
        };

        var r = world.rotateRootKey.rewrapAll(kms, kms);

        assertThat(r.organizations()).isEqualTo(6);
        assertThat(r.rewrapped()).isEqualTo(5);
        assertThat(r.alreadyCurrent()).isEqualTo(1);
        assertThat(world.organizations.storedKek(other)).contains(byOtherRun.get());
        assertThat(rewrapEvents(other)).as("rewrapped once, by the other run").isEqualTo(1);
        assertThat(onVersion("2")).isEqualTo(6);
    }

    @Test
    void rewrapAll_kmsFailsHalfWay_keepsWhatWasStored_andARerunFinishes() {
        organizations(19);
        world.rootKeys.rotate();
        HookedRootKeys kms = new HookedRootKeys(world.rootKeys);
        AtomicInteger calls = new AtomicInteger();
        kms.beforeUnwrap = context -> {
            if (calls.incrementAndGet() > 10) {
                throw Rejection.unavailable("kms_unavailable", "The key service cannot be reached.", 5);
            }
        };
        RotateRootKey job = withSizes(4, 2, 2);

        rejected("kms_unavailable", () -> job.rewrapAll(kms, kms));

        long first = onVersion("2");
        assertThat(first).isBetween(1L, 10L);
        assertThat(everyOrganization()).allSatisfy(id -> assertThat(rewrapEvents(id)).isEqualTo(onVersion(id, "2") ? 1 : 0));
        kms.beforeUnwrap = context -> { };
        var again = job.rewrapAll(kms, kms);
        assertThat(again.rewrapped()).isEqualTo(20 - first);
        assertThat(onVersion("2")).isEqualTo(20);
        assertThat(everyOrganization()).allSatisfy(id -> assertThat(rewrapEvents(id)).isEqualTo(1));
    }

    boolean onVersion(UUID orgId, String version) { return world.organizations.storedKek(orgId).orElseThrow().keyVersion().equals(version); }

    @Test
    void rewrapAll_interrupted_stopsWithWhatWasStored_andARerunFinishes() throws Exception {
        organizations(11);
        world.rootKeys.rotate();
        HookedRootKeys kms = new HookedRootKeys(world.rootKeys);
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        kms.beforeUnwrap = context -> {
            if (calls.incrementAndGet() > 4) {
                stuck.countDown();
                try {
                    never.await(); // a KMS that stopped answering
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("KMS call interrupted");
                }
            }
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread run = new Thread(() -> {
            try {
                withSizes(3, 2, 2).rewrapAll(kms, kms);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        run.start();
        stuck.await();

        run.interrupt();
        run.join(10_000);

        assertThat(run.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class).hasMessage("interrupted");
        long first = onVersion("2");
        assertThat(first).isLessThanOrEqualTo(4);
        kms.beforeUnwrap = context -> { };
        var again = withSizes(3, 2, 2).rewrapAll(kms, kms);
        assertThat(again.rewrapped()).isEqualTo(12 - first);
        assertThat(everyOrganization()).allSatisfy(id -> assertThat(rewrapEvents(id)).isEqualTo(1));
    }

    @Test
    void rewrapAll_keepsManyKmsCallsInFlight() {
        organizations(47);
        world.rootKeys.rotate();
        HookedRootKeys kms = new HookedRootKeys(world.rootKeys);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        kms.beforeUnwrap = context -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20); // the KMS's latency
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        };

        var r = world.rotateRootKey.rewrapAll(kms, kms);

        assertThat(r.rewrapped()).isEqualTo(48);
        assertThat(most.get()).isGreaterThan(8);
    }
}
