package dev.hush.bootstrap.wiring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Watches of environments' changes ({@code hush.watch.*}): gRPC and Connect WatchEnvironment streams and the
 * Server-Sent Events route.
 *
 * @param heartbeat {@code HUSH_WATCH_HEARTBEAT}: how long a stream may stay silent before it gets a heartbeat (keep it
 *                  below the idle timeout of any proxy in front of Hush)
 * @param retention {@code HUSH_WATCH_RETENTION}: how long changes are kept for watchers to resume from; resuming from
 *                  an older revision is refused with {@code revision_expired}
 */
@Context
@ConfigurationProperties("hush.watch")
public record WatchSettings(@Bindable(defaultValue = "15s") Duration heartbeat, @Bindable(defaultValue = "7d") Duration retention) {
    public WatchSettings {
        InvalidSetting.require(heartbeat.compareTo(Duration.ofSeconds(1)) >= 0 && heartbeat.compareTo(Duration.ofMinutes(10)) <= 0,
                "HUSH_WATCH_HEARTBEAT must be between 1s and 10m, not " + heartbeat);
        InvalidSetting.require(retention.compareTo(Duration.ofSeconds(1)) >= 0, "HUSH_WATCH_RETENTION must be at least 1s, not " + retention);
    }
}
