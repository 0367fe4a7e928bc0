package dev.hush.application.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The unwrapped-key cache is bounded in count (least recently used out) as well as in age. */
class KeyCacheTest {
    final Map<String, AtomicInteger> loads = new HashMap<>();

    byte[] get(KeyCache cache, String id) {
        return cache.get(id, () -> {
            loads.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            return id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        });
    }

    int loads(String id) { return loads.getOrDefault(id, new AtomicInteger()).get(); }

    @Test
    void aThirdKey_evictsTheLeastRecentlyUsed_whenTwoFit() {
        KeyCache cache = new KeyCache(2, Duration.ofHours(1), Clock.systemUTC());
        get(cache, "a");
        get(cache, "b");
        get(cache, "a"); // a is now the most recently used
        get(cache, "c"); // b goes
        assertThat(loads("a")).isEqualTo(1);
        get(cache, "a");
        get(cache, "c");
        assertThat(loads("a")).as("a stayed").isEqualTo(1);
        assertThat(loads("c")).isEqualTo(1);
        assertThat(new String(get(cache, "b"), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("b");
        assertThat(loads("b")).as("b was evicted and loaded again").isEqualTo(2);
    }

    @Test
    void whatItHandsOut_isACopy_soWipingItLeavesTheCacheIntact() {
        KeyCache cache = new KeyCache(2, Duration.ofHours(1), Clock.systemUTC());
        byte[] first = get(cache, "k");
        java.util.Arrays.fill(first, (byte) 0);
        byte[] second = get(cache, "k");
        assertThat(new String(second, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("k");
        java.util.Arrays.fill(second, (byte) 0);
        assertThat(new String(get(cache, "k"), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("k");
        assertThat(loads("k")).isEqualTo(1);
    }
}
