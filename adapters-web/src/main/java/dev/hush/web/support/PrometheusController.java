package dev.hush.web.support;

import dev.hush.application.metrics.RequestRecorder;
import dev.hush.domain.Rejection;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * Prometheus metrics (text format 0.0.4) at {@code hush.metrics.prometheus.path} (default {@code /metrics});
 * off with {@code HUSH_METRICS_PROMETHEUS_ENABLED=false}. Counts and durations per route group of this node
 * only: no path, id, user or value. With {@code HUSH_METRICS_TOKEN} set, a scrape needs that bearer token.
 */
@Controller("${hush.metrics.prometheus.path:/metrics}")
@Requires(property = "hush.metrics.prometheus.enabled", notEquals = "false")
@Hidden
final class PrometheusController {
    private final RequestRecorder recorder;
    private final OperatorToken token;

    PrometheusController(RequestRecorder recorder, OperatorToken token) {
        this.recorder = recorder;
        this.token = token;
    }

    @Get
    @Produces("text/plain; version=0.0.4")
    String metrics(HttpRequest<?> request) {
        if (token.configured() && !token.presentedBy(request)) {
            throw Rejection.unauthenticated();
        }
        return recorder.prometheus();
    }
}
