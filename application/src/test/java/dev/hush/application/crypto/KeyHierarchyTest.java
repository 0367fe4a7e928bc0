package dev.hush.application.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.application.port.KeyIntegrityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class KeyHierarchyTest {
    @Test
    void projectKey_isCached_untilItsTtlEnds() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() { return ZoneOffset.UTC; }

            @Override
            public Clock withZone(java.time.ZoneId zone) { return this; }

            @Override
            public Instant instant() { return now.get(); }
        };
        KeyFixtures keys = new KeyFixtures(clock, Duration.ofMinutes(5));
        UUID org = UUID.randomUUID();
        UUID project = UUID.randomUUID();
        keys.project(org, project, 1);
        int afterSetup = keys.rootUnwraps.get();

        byte[] first = keys.hierarchy.projectKey(org, project, 1);
        byte[] second = keys.hierarchy.projectKey(org, project, 1);
        assertThat(second).isEqualTo(first);
        assertThat(keys.rootUnwraps.get()).isEqualTo(afterSetup);

        now.set(now.get().plus(Duration.ofMinutes(6)));
        assertThat(keys.hierarchy.projectKey(org, project, 1)).isEqualTo(first);
        assertThat(keys.rootUnwraps.get()).isEqualTo(afterSetup + 1);
    }

    @Test
    void dataKey_wrappedForOneProject_doesNotOpenForAnother() {
        KeyFixtures keys = new KeyFixtures();
        UUID org = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        keys.project(org, a, 1);
        keys.project(org, b, 1);
        keys.deks.put(b + ":1", keys.deks.get(a + ":1"));
        assertThatThrownBy(() -> keys.hierarchy.projectKey(org, b, 1)).isInstanceOf(KeyIntegrityException.class);
    }

    @Test
    void organizationKey_movedToAnotherOrganization_doesNotOpen() {
        KeyFixtures keys = new KeyFixtures();
        UUID orgA = UUID.randomUUID();
        UUID orgB = UUID.randomUUID();
        UUID p = UUID.randomUUID();
        keys.project(orgA, p, 1);
        keys.keks.put(orgB, keys.keks.get(orgA));
        assertThatThrownBy(() -> keys.hierarchy.newProjectKey(orgB, UUID.randomUUID(), 1)).isInstanceOf(KeyIntegrityException.class);
    }
}
