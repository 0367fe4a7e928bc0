package dev.hush.bootstrap.jobs;

import dev.hush.application.audit.Audit;
import dev.hush.domain.Rejection;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals journaled audit events into their chains on every node, every {@code hush.audit.seal-interval}
 * (200 ms): a chain another node is sealing is skipped, so the nodes share the work without waiting on each
 * other; after a crash, the events left in the journal are sealed by the next pass of any node.
 */
@Singleton
final class AuditSealJob {
    private static final Logger LOG = LoggerFactory.getLogger(AuditSealJob.class);
    private final Audit audit;

    AuditSealJob(Audit audit) { this.audit = audit; }

    @Scheduled(fixedDelay = "${hush.audit.seal-interval}", initialDelay = "${hush.audit.seal-interval}")
    void run() {
        try {
            audit.sealWaiting();
        } catch (RuntimeException e) {
            // The database may be down for a moment: the events stay in the journal, the next pass seals them.
            LOG.warn("Audit events not sealed yet (kept in the journal): {}", e instanceof Rejection r ? r.code() : e.getClass().getSimpleName());
        }
    }

    /** A last pass at shutdown, before the database closes, so a stopped node leaves its chains sealed. */
    @PreDestroy
    void close() { run(); }
}
