package dev.hush.bootstrap.wiring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Key handling: the cache of unwrapped keys ({@code hush.key-cache.*}), project key rotation
 * ({@code hush.key-rotation.retire-after}) and organization sealing keys ({@code hush.sealing.rotation-grace}).
 */
public final class KeySettings {
    private KeySettings() {}

    /**
     * @param maxEntries {@code HUSH_KEY_CACHE_MAX_ENTRIES}: unwrapped keys kept in memory
     * @param ttl        {@code HUSH_KEY_CACHE_TTL}: how long one is kept
     */
    @Context
    @ConfigurationProperties("hush.key-cache")
    public record Cache(@Bindable(defaultValue = "10000") int maxEntries, @Bindable(defaultValue = "5m") Duration ttl) {
        public Cache {
            InvalidSetting.require(maxEntries >= 1, "HUSH_KEY_CACHE_MAX_ENTRIES must be at least 1, not " + maxEntries);
            InvalidSetting.positive(ttl, "HUSH_KEY_CACHE_TTL");
        }
    }

    /** @param retireAfter {@code HUSH_KEY_ROTATION_RETIRE_AFTER}: how long after a re-encryption the old data keys are deleted */
    @Context
    @ConfigurationProperties("hush.key-rotation")
    public record Rotation(@Bindable(defaultValue = "1m") Duration retireAfter) {
        public Rotation {
            InvalidSetting.require(retireAfter != null && !retireAfter.isNegative(), "HUSH_KEY_ROTATION_RETIRE_AFTER must not be negative");
        }
    }

    /** @param rotationGrace {@code HUSH_SEALING_ROTATION_GRACE}: how long values sealed to a rotated-out key still open */
    @Context
    @ConfigurationProperties("hush.sealing")
    public record Sealing(@Bindable(defaultValue = "24h") Duration rotationGrace) {
        public Sealing {
            InvalidSetting.require(rotationGrace != null && !rotationGrace.isNegative(), "HUSH_SEALING_ROTATION_GRACE must not be negative");
        }
    }
}
