package dev.hush.web.support;

import dev.hush.application.metrics.RequestRecorder;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import org.reactivestreams.Publisher;

/** Records every request's route group, status and duration (never a path, id or value). */
@Filter("/**")
final class MetricsFilter implements HttpServerFilter {
    private final RequestRecorder recorder;

    MetricsFilter(RequestRecorder recorder) { this.recorder = recorder; }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        long start = System.nanoTime();
        String path = request.getPath();
        return Publishers.map(chain.proceed(request), response -> {
            recorder.record(path, response.code(), System.nanoTime() - start);
            return response;
        });
    }
}
