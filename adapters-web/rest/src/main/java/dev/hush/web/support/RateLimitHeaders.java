package dev.hush.web.support;

import dev.hush.application.auth.Caller;
import dev.hush.application.plan.ApiUsage;
import dev.hush.web.auth.CallerBinder;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The IETF draft's {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} (seconds) on every
 * answer to a request metered against its organization's monthly API requests, as the node last read the count (no
 * database read); none for an unlimited plan, an unmetered route or a refused caller. A 429 carries
 * {@code RateLimit-Remaining: 0} and {@code RateLimit-Reset} beside {@code Retry-After} ({@code Problems}).
 */
@ServerFilter("/v1/**")
final class RateLimitHeaders {
    private final ApiUsage usage;

    RateLimitHeaders(ApiUsage usage) { this.usage = usage; }

    @ResponseFilter
    void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(CallerBinder.ATTRIBUTE, Caller.class).flatMap(c -> c.metered().stream().findFirst()).flatMap(usage::quota)
                .ifPresent(q -> response.header("RateLimit-Limit", Long.toString(q.limit()))
                        .header("RateLimit-Remaining", Long.toString(q.remaining()))
                        .header("RateLimit-Reset", Long.toString(q.resetSeconds())));
    }
}
