package dev.hush.bootstrap.wiring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/** Rate limits and metering that are settings: registrations, Poliglot value reads, the shared API-usage refresh. */
public final class LimitSettings {
    private LimitSettings() {}

    /** @param perAddressPerHour {@code HUSH_REGISTER_PER_ADDRESS_PER_HOUR}: registrations one client address may make in a sliding hour */
    @Context
    @ConfigurationProperties("hush.register")
    public record Register(@Bindable(defaultValue = "20") int perAddressPerHour) {
        public Register {
            InvalidSetting.require(perAddressPerHour >= 1, "HUSH_REGISTER_PER_ADDRESS_PER_HOUR must be at least 1, not " + perAddressPerHour);
        }
    }

    /** @param valueReadsPerHour {@code HUSH_POLIGLOT_VALUE_READS_PER_HOUR}: Poliglot value reads per user and workspace per sliding hour */
    @Context
    @ConfigurationProperties("hush.poliglot")
    public record Poliglot(@Bindable(defaultValue = "100") int valueReadsPerHour) {
        public Poliglot {
            InvalidSetting.require(valueReadsPerHour >= 1, "HUSH_POLIGLOT_VALUE_READS_PER_HOUR must be at least 1, not " + valueReadsPerHour);
        }
    }

    /** @param usageRefresh {@code HUSH_PLANS_USAGE_REFRESH}: how often a node re-reads an organization's shared monthly count and limit */
    @Context
    @ConfigurationProperties("hush.plans")
    public record Plans(@Bindable(defaultValue = "10s") Duration usageRefresh) {
        public Plans {
            InvalidSetting.require(usageRefresh != null && !usageRefresh.isNegative(),
                    "HUSH_PLANS_USAGE_REFRESH must not be negative (0s: re-read on every request)");
        }
    }
}
