package dev.hush.web.support;

import dev.hush.application.metrics.RequestRecorder;
import dev.hush.application.port.RequestMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Publisher;

/**
 * Times every request and records its route group, status class and duration twice: in Micrometer (what
 * {@link PrometheusController} serves) and in {@link RequestRecorder} (the hourly rows behind the admin
 * summary). Labels are the route group and the status class only, never a path, id, user or value.
 */
@Filter("/**")
final class MetricsFilter implements HttpServerFilter {
    private final RequestRecorder recorder;
    private final MeterRegistry registry;
    private final Map<String, GroupMeters> groups = new ConcurrentHashMap<>();

    MetricsFilter(RequestRecorder recorder, MeterRegistry registry) {
        this.recorder = recorder;
        this.registry = registry;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        Timer.Sample sample = Timer.start(registry);
        String path = request.getPath();
        return Publishers.map(chain.proceed(request), response -> {
            int status = response.code();
            long nanos = groups.computeIfAbsent(RequestRecorder.group(path), this::meters).record(sample, status);
            recorder.record(path, status, nanos);
            return response;
        });
    }

    private GroupMeters meters(String group) { return new GroupMeters(registry, group); }

    /** One group's meters, registered together (so every status class shows, 0 until it happens). */
    private static final class GroupMeters {
        /** The admin summary's latency buckets as Prometheus histogram buckets ({@code le}, in seconds). */
        private static final Duration[] BUCKETS = Arrays.stream(RequestMetrics.BOUNDS_MS)
                .mapToObj(Duration::ofMillis).toArray(Duration[]::new);

        private final Timer duration;
        private final Counter ok;
        private final Counter clientErrors;
        private final Counter serverErrors;

        GroupMeters(MeterRegistry registry, String group) {
            duration = Timer.builder("hush.http.request.duration").description("HTTP request duration by route group.")
                    .tag("group", group).serviceLevelObjectives(BUCKETS).register(registry);
            ok = counter(registry, group, "2xx_3xx");
            clientErrors = counter(registry, group, "4xx");
            serverErrors = counter(registry, group, "5xx");
        }

        private static Counter counter(MeterRegistry registry, String group, String status) {
            return Counter.builder("hush.http.requests").description("HTTP requests by route group and status class.")
                    .tag("group", group).tag("status", status).register(registry);
        }

        long record(Timer.Sample sample, int status) {
            long nanos = sample.stop(duration);
            (status >= 500 ? serverErrors : status >= 400 ? clientErrors : ok).increment();
            return nanos;
        }
    }
}
