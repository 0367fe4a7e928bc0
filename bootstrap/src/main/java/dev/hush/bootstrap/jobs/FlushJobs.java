package dev.hush.bootstrap.jobs;

import dev.hush.application.metrics.RequestRecorder;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.port.BufferedStatistics;
import dev.hush.domain.Rejection;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that schedules the writes of what is gathered in memory: access counts of secrets (every
 * {@code hush.access-counter.flush-interval}, 1 s), request metrics and organizations' monthly API request
 * counts (every {@code hush.metrics.flush-interval}, 10 s); all of them once more at shutdown, before the
 * database closes (this bean depends on the stores, so it is destroyed first).
 */
@Singleton
final class FlushJobs {
    private static final Logger LOG = LoggerFactory.getLogger(FlushJobs.class);
    private final List<BufferedStatistics> statistics;
    private final RequestRecorder recorder;
    private final ApiUsage usage;

    FlushJobs(List<BufferedStatistics> statistics, RequestRecorder recorder, ApiUsage usage) {
        this.statistics = statistics;
        this.recorder = recorder;
        this.usage = usage;
    }

    @Scheduled(fixedDelay = "${hush.access-counter.flush-interval}")
    void flushStatistics() {
        for (BufferedStatistics s : statistics) {
            try {
                s.flush();
            } catch (RuntimeException e) {
                LOG.warn("Statistics not flushed (kept for the next try): {}", reason(e));
            }
        }
    }

    @Scheduled(fixedDelay = "${hush.metrics.flush-interval}", initialDelay = "${hush.metrics.flush-interval}")
    void flushMetrics() {
        try {
            recorder.flush();
        } catch (RuntimeException e) {
            LOG.warn("Request metrics not flushed: {}", reason(e));
        }
        try {
            usage.flush();
        } catch (RuntimeException e) {
            LOG.warn("Organizations' API request counts not flushed (kept for the next try): {}", reason(e));
        }
    }

    @PreDestroy
    void close() {
        flushStatistics();
        flushMetrics();
    }

    private static String reason(RuntimeException e) {
        return e instanceof Rejection r ? r.code() : e.getClass().getSimpleName();
    }
}
