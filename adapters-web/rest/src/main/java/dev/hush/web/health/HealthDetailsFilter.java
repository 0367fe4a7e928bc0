package dev.hush.web.health;

import dev.hush.application.plan.AdminConsole;
import dev.hush.domain.Rejection;
import dev.hush.web.auth.RequestAuth;
import dev.hush.web.support.OperatorToken;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;

/**
 * {@code /health} shows its components (database, root key and its id) only to a platform admin's credential
 * or the operator token ({@code HUSH_METRICS_TOKEN}); everyone else, load balancers included, gets the status
 * alone, with the same HTTP status (200 UP, 503 DOWN).
 */
@ServerFilter({"/health", "/health/**"})
final class HealthDetailsFilter {
    private static final String ALLOWED = "hush.health.details";
    private final RequestAuth auth;
    private final OperatorToken operator;

    HealthDetailsFilter(RequestAuth auth, OperatorToken operator) {
        this.auth = auth;
        this.operator = operator;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    void identify(HttpRequest<?> request) {
        if (operator.presentedBy(request)) {
            request.setAttribute(ALLOWED, true);
            return;
        }
        if (request.getHeaders().getAuthorization().isEmpty() && RequestAuth.sessionCookie(request).isEmpty()) {
            return;
        }
        try {
            AdminConsole.requirePlatformAdmin(auth.require(request));
            request.setAttribute(ALLOWED, true);
        } catch (Rejection notAnAdmin) {
            // the status alone (also when the database is down and no credential can be checked)
        }
    }

    @ResponseFilter
    void strip(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getAttribute(ALLOWED, Boolean.class).orElse(false)) {
            return;
        }
        response.getBody(HealthResult.class).ifPresent(health ->
                ((MutableHttpResponse<Object>) response).body(Map.of("status", health.getStatus().getName())));
    }
}
