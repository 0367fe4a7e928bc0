package dev.hush.bootstrap.wiring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code hush.webhooks.*} (how often each node looks for due deliveries, {@code HUSH_WEBHOOKS_INTERVAL}, is the
 * job's schedule in {@code application.yml}).
 *
 * @param allow       {@code HUSH_WEBHOOKS_ALLOW}: CIDRs and host names webhooks may target on private addresses or over http
 * @param backoff     {@code HUSH_WEBHOOKS_BACKOFF}: first retry delay, doubled each attempt
 * @param maxAttempts {@code HUSH_WEBHOOKS_MAX_ATTEMPTS}: attempts before a delivery is marked failed
 * @param deadline    {@code HUSH_WEBHOOKS_DEADLINE}: the hard limit on one attempt, up to 5 minutes
 */
@Context
@ConfigurationProperties("hush.webhooks")
public record WebhookSettings(@Nullable String allow, @Bindable(defaultValue = "10s") Duration backoff,
                              @Bindable(defaultValue = "6") int maxAttempts, @Bindable(defaultValue = "15s") Duration deadline) {
    public WebhookSettings {
        InvalidSetting.positive(backoff, "HUSH_WEBHOOKS_BACKOFF");
        InvalidSetting.require(maxAttempts >= 1, "HUSH_WEBHOOKS_MAX_ATTEMPTS must be at least 1, not " + maxAttempts);
        InvalidSetting.positive(deadline, "HUSH_WEBHOOKS_DEADLINE");
        InvalidSetting.require(deadline.compareTo(Duration.ofMinutes(5)) <= 0, "HUSH_WEBHOOKS_DEADLINE must be at most 5m, not " + deadline);
    }
}
