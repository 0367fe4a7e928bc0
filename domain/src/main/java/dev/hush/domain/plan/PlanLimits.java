package dev.hush.domain.plan;

import dev.hush.domain.Rejection;
import java.util.EnumMap;
import java.util.Map;

/**
 * The limits of a plan, or the overrides of one organization: a value per {@link Limit}, {@code -1}
 * meaning unlimited; an absent value (in overrides) means "not overridden".
 */
public record PlanLimits(Map<Limit, Long> values) {
    public static final long UNLIMITED = -1;

    public PlanLimits {
        EnumMap<Limit, Long> copy = new EnumMap<>(Limit.class);
        for (var e : values.entrySet()) {
            if (e.getValue() == null || e.getValue() < UNLIMITED) {
                throw Rejection.invalid(e.getKey().wire(), "must be -1 (unlimited) or a count of 0 or more");
            }
            copy.put(e.getKey(), e.getValue());
        }
        values = java.util.Collections.unmodifiableMap(copy);
    }

    public static PlanLimits none() { return new PlanLimits(Map.of()); }

    public static PlanLimits unlimited() {
        EnumMap<Limit, Long> all = new EnumMap<>(Limit.class);
        for (Limit l : Limit.values()) {
            all.put(l, UNLIMITED);
        }
        return new PlanLimits(all);
    }

    /** These values, each replaced where {@code overrides} has one. */
    public PlanLimits overriddenBy(PlanLimits overrides) {
        EnumMap<Limit, Long> merged = new EnumMap<>(Limit.class);
        merged.putAll(values);
        merged.putAll(overrides.values);
        return new PlanLimits(merged);
    }

    /** The limit, {@code -1} when unlimited or not set. */
    public long get(Limit limit) { return values.getOrDefault(limit, UNLIMITED); }

    /** Whether one more fits when {@code current} exist. */
    public boolean allowsOneMore(Limit limit, long current) {
        long max = get(limit);
        return max == UNLIMITED || current < max;
    }

    /** Wire form: {@code {"projects": 3, ...}}. */
    public Map<String, Long> wire() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (var e : values.entrySet()) {
            out.put(e.getKey().wire(), e.getValue());
        }
        return out;
    }

    public static PlanLimits fromWire(String field, Map<String, ? extends Number> wire) {
        EnumMap<Limit, Long> values = new EnumMap<>(Limit.class);
        if (wire != null) {
            for (var e : wire.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                values.put(Limit.parse(field + "." + e.getKey(), e.getKey()), e.getValue().longValue());
            }
        }
        return new PlanLimits(values);
    }
}
