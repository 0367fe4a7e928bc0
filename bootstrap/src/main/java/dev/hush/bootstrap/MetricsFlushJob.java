package dev.hush.bootstrap;

import dev.hush.application.metrics.RequestRecorder;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the request counts gathered in memory (per route group, and per organization for the monthly limit) every ten seconds, and at shutdown. */
@Singleton
final class MetricsFlushJob {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsFlushJob.class);
    private final RequestRecorder recorder;
    private final dev.hush.application.plan.ApiUsage usage;

    MetricsFlushJob(RequestRecorder recorder, dev.hush.application.plan.ApiUsage usage) {
        this.recorder = recorder;
        this.usage = usage;
    }

    @Scheduled(fixedDelay = "${hush.metrics.flush-interval:10s}", initialDelay = "${hush.metrics.flush-interval:10s}")
    void flush() {
        try {
            recorder.flush();
        } catch (RuntimeException e) {
            LOG.warn("Request metrics not flushed: {}", e instanceof dev.hush.domain.Rejection r ? r.code() : e.getClass().getSimpleName());
        }
        try {
            usage.flush();
        } catch (RuntimeException e) {
            LOG.warn("Organizations' API request counts not flushed (kept for the next try): {}", e instanceof dev.hush.domain.Rejection r ? r.code() : e.getClass().getSimpleName());
        }
    }

    @PreDestroy
    void close() { flush(); }
}
