package dev.hush.web.health;

import dev.hush.application.port.RootKeys;
import dev.hush.domain.Rejection;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/** The root key is usable: {@code /health} shows {@code rootKey} DOWN (and answers 503) when the KMS is not. */
@Singleton
final class RootKeyHealthIndicator implements HealthIndicator {
    private final RootKeys rootKeys;

    RootKeyHealthIndicator(RootKeys rootKeys) { this.rootKeys = rootKeys; }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(check());
    }

    private HealthResult check() {
        {
            try {
                rootKeys.probe();
                return HealthResult.builder("rootKey", HealthStatus.UP).details(Map.of("keyId", rootKeys.keyId())).build();
            } catch (RuntimeException e) {
                return HealthResult.builder("rootKey", HealthStatus.DOWN)
                        .details(Map.of("error", e instanceof Rejection r ? r.code() : "root_key_unavailable")).build();
            }
        }
    }
}
