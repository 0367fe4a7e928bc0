package dev.hush.application.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The unwrapped-key cache is bounded in count and in age, and wipes every key that leaves it. */
class KeyCacheTest {
    final Map<String, List<byte[]>> loaded = new HashMap<>();
    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() { return ZoneOffset.UTC; }

        @Override
        public Clock withZone(java.time.ZoneId zone) { return this; }

        @Override
        public Instant instant() { return now; }
    };

    byte[] get(KeyCache cache, String id) {
        return cache.get(id, () -> {
            byte[] key = id.getBytes(StandardCharsets.UTF_8);
            loaded.computeIfAbsent(id, k -> new ArrayList<>()).add(key);
            return key;
        });
    }

    int loads(String id) { return loaded.getOrDefault(id, List.of()).size(); }

    /** Whether the array the cache took over for the {@code n}th load of {@code id} was wiped. */
    boolean wiped(String id, int n) {
        for (byte b : loaded.get(id).get(n)) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void get_beyondMaximum_evictsAndWipes() {
        KeyCache cache = new KeyCache(2, Duration.ofHours(1), clock);
        get(cache, "a");
        get(cache, "b");
        get(cache, "c");

        assertThat(cache.size()).isEqualTo(2);
        long wiped = List.of("a", "b", "c").stream().filter(id -> wiped(id, 0)).count();
        assertThat(wiped).as("the evicted key, and only it, is wiped").isEqualTo(1);
    }

    @Test
    void get_frequentlyUsedKey_staysWhileOneOffKeysPass() {
        KeyCache cache = new KeyCache(2, Duration.ofHours(1), clock);
        for (int i = 0; i < 10; i++) {
            get(cache, "kek");
        }
        for (String once : List.of("d1", "d2", "d3", "d4", "d5")) {
            get(cache, once);
        }
        get(cache, "kek");

        assertThat(loads("kek")).isEqualTo(1);
        assertThat(cache.size()).isLessThanOrEqualTo(2);
    }

    @Test
    void get_afterTtl_loadsAgainAndWipesTheOldKey() {
        KeyCache cache = new KeyCache(10, Duration.ofMinutes(5), clock);
        get(cache, "k");
        now = now.plus(Duration.ofMinutes(4));
        get(cache, "k");
        assertThat(loads("k")).as("still fresh").isEqualTo(1);

        now = now.plus(Duration.ofMinutes(2));
        assertThat(new String(get(cache, "k"), StandardCharsets.UTF_8)).isEqualTo("k");

        assertThat(loads("k")).as("expired, never served").isEqualTo(2);
        assertThat(wiped("k", 0)).isTrue();
        assertThat(wiped("k", 1)).isFalse();
    }

    @Test
    void invalidate_wipesAtOnce() {
        KeyCache cache = new KeyCache(10, Duration.ofHours(1), clock);
        get(cache, "k");

        cache.invalidate("k");

        assertThat(wiped("k", 0)).isTrue();
        assertThat(cache.size()).isZero();
        get(cache, "k");
        assertThat(loads("k")).isEqualTo(2);
    }

    @Test
    void whatItHandsOut_isACopy_soWipingItLeavesTheCacheIntact() {
        KeyCache cache = new KeyCache(2, Duration.ofHours(1), clock);
        byte[] first = get(cache, "k");
        java.util.Arrays.fill(first, (byte) 0);
        byte[] second = get(cache, "k");
        assertThat(new String(second, StandardCharsets.UTF_8)).isEqualTo("k");
        java.util.Arrays.fill(second, (byte) 0);
        assertThat(new String(get(cache, "k"), StandardCharsets.UTF_8)).isEqualTo("k");
        assertThat(loads("k")).isEqualTo(1);
        assertThat(wiped("k", 0)).isFalse();
    }
}
