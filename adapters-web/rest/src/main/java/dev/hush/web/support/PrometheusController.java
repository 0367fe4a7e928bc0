package dev.hush.web.support;

import dev.hush.domain.Rejection;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * Prometheus metrics (text format 0.0.4) at {@code hush.metrics.prometheus.path} (default {@code /metrics});
 * off with {@code HUSH_METRICS_PROMETHEUS_ENABLED=false}. The text is Micrometer's Prometheus registry's (the
 * request meters of {@link MetricsFilter}: counts and durations per route group of this node only, no path,
 * id, user or value; and the JVM and process meters of micronaut-micrometer). With {@code HUSH_METRICS_TOKEN}
 * set, a scrape needs that bearer token. Micronaut's own {@code /metrics} and {@code /prometheus} management
 * endpoints stay off ({@code endpoints.all.enabled: false}): they would not ask for the token.
 */
@Controller("${hush.metrics.prometheus.path:/metrics}")
@Requires(property = "hush.metrics.prometheus.enabled", notEquals = "false")
@Hidden
final class PrometheusController {
    /** What {@link PrometheusMeterRegistry#scrape()} writes: the Prometheus text format 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final OperatorToken token;

    PrometheusController(PrometheusMeterRegistry registry, OperatorToken token) {
        this.registry = registry;
        this.token = token;
    }

    @Get
    @Produces(CONTENT_TYPE)
    String metrics(HttpRequest<?> request) {
        if (token.configured() && !token.presentedBy(request)) {
            throw Rejection.unauthenticated();
        }
        return registry.scrape();
    }
}
