package dev.hush.bootstrap;

import dev.hush.application.metrics.RequestRecorder;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the request counts gathered in memory into the hourly rows every ten seconds, and at shutdown. */
@Singleton
final class MetricsFlushJob {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsFlushJob.class);
    private final RequestRecorder recorder;

    MetricsFlushJob(RequestRecorder recorder) { this.recorder = recorder; }

    @Scheduled(fixedDelay = "${hush.metrics.flush-interval:10s}", initialDelay = "${hush.metrics.flush-interval:10s}")
    void flush() {
        try {
            recorder.flush();
        } catch (RuntimeException e) {
            LOG.warn("Request metrics not flushed: {}", e.getClass().getSimpleName());
        }
    }

    @PreDestroy
    void close() { flush(); }
}
