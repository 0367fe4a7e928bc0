package dev.hush.application.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Unwrapped keys kept in memory (Caffeine), bounded in count and age; a key that leaves the cache, for
 * whatever reason, is wiped at once (the removal listener runs on the thread that removed it). Entries
 * past their TTL are never served, so a KMS outage is felt after at most one TTL.
 */
final class KeyCache {
    private final Cache<String, Material> entries;

    KeyCache(int maxEntries, Duration ttl, Clock clock) {
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(ttl)
                .ticker(() -> nanos(clock.instant()))
                .executor(Runnable::run)
                .<String, Material>removalListener((id, material, cause) -> {
                    if (material != null) {
                        material.wipe();
                    }
                })
                .build();
    }

    /**
     * A copy of the cached key for {@code id} (the caller wipes it), loading it when absent or expired. The
     * cache takes the loaded array over and wipes it when the entry leaves. The loader runs outside the
     * cache's locks (it may call a KMS); two concurrent misses may both load, the later one is kept.
     */
    byte[] get(String id, Supplier<byte[]> loader) {
        Material cached = entries.getIfPresent(id);
        byte[] copy = cached == null ? null : cached.copy();
        if (copy != null) {
            return copy;
        }
        Material loaded = new Material(loader.get());
        copy = loaded.copy();
        entries.put(id, loaded);
        return copy;
    }

    void invalidate(String id) { entries.invalidate(id); }

    /** Entries held now, after pending evictions and expiries have run (their keys wiped). */
    int size() {
        entries.cleanUp();
        return (int) entries.estimatedSize();
    }

    private static long nanos(Instant now) {
        return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
    }

    /**
     * One key's bytes. A reader copies them under the same lock the wipe takes, so a key evicted while it is
     * being read is never handed out half zeroed: the reader sees it gone and loads it again.
     */
    static final class Material {
        private byte[] bytes;

        Material(byte[] bytes) { this.bytes = bytes; }

        synchronized byte[] copy() { return bytes == null ? null : bytes.clone(); }

        synchronized void wipe() {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
                bytes = null;
            }
        }

        @Override
        public String toString() { return "Material[redacted]"; }
    }
}
