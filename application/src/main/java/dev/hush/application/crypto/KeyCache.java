package dev.hush.application.crypto;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Unwrapped keys kept in memory, bounded in count and age (least recently used first out); evicted
 * keys are wiped. Entries past their TTL are never served, so a KMS outage is felt after at most one TTL.
 */
final class KeyCache {
    private final int maxEntries;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);

    private record Entry(byte[] key, Instant expiresAt) {}

    KeyCache(int maxEntries, Duration ttl, Clock clock) {
        this.maxEntries = maxEntries;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A copy of the cached key for {@code id}, loading it (outside the lock) when absent or expired. */
    byte[] get(String id, Supplier<byte[]> loader) {
        Instant now = clock.instant();
        synchronized (this) {
            Entry e = entries.get(id);
            if (e != null && now.isBefore(e.expiresAt)) {
                return e.key.clone();
            }
            if (e != null) {
                entries.remove(id);
                Arrays.fill(e.key, (byte) 0);
            }
        }
        byte[] loaded = loader.get();
        synchronized (this) {
            Entry previous = entries.put(id, new Entry(loaded.clone(), now.plus(ttl)));
            if (previous != null) {
                Arrays.fill(previous.key, (byte) 0);
            }
            Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
            while (entries.size() > maxEntries && it.hasNext()) {
                Arrays.fill(it.next().getValue().key, (byte) 0);
                it.remove();
            }
        }
        return loaded;
    }

    synchronized void invalidate(String id) {
        Entry e = entries.remove(id);
        if (e != null) {
            Arrays.fill(e.key, (byte) 0);
        }
    }

    synchronized int size() { return entries.size(); }
}
