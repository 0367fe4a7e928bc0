package dev.hush.persistence;

import dev.hush.application.port.EnvironmentFeed;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes rows whose purpose has passed, every minute: Poliglot server keys after they expire (their
 * private keys are kept only while valid, and only wrapped), rate-limit events older than any window, and
 * environment changes older than {@code hush.watch.retention} (7 days unless set; a watcher resuming from a pruned
 * revision is told so).
 * Runs on every node; the deletes are idempotent.
 */
@Singleton
final class ExpiredRowsJanitor {
    private static final Logger LOG = LoggerFactory.getLogger(ExpiredRowsJanitor.class);
    /** The longest rate-limit window in use. */
    static final Duration LONGEST_WINDOW = Duration.ofHours(1);

    private final TransactionOperations<Connection> tx;
    private final Jdbc jdbc;
    private final EnvironmentFeed feed;
    private final Duration feedRetention;

    ExpiredRowsJanitor(TransactionOperations<Connection> tx, Jdbc jdbc, EnvironmentFeed feed,
                       @Value("${hush.watch.retention:7d}") Duration feedRetention) {
        this.tx = tx;
        this.jdbc = jdbc;
        this.feed = feed;
        this.feedRetention = feedRetention;
    }

    @Scheduled(fixedDelay = "${hush.janitor.interval:1m}", initialDelay = "${hush.janitor.interval:1m}")
    void sweep() {
        sweep(Instant.now());
    }

    void sweep(Instant now) {
        try {
            tx.executeWrite(status -> {
                jdbc.update("DELETE FROM exchange_keys WHERE expires_at < ?", now);
                jdbc.update("DELETE FROM rate_events WHERE at < ?", now.minus(LONGEST_WINDOW));
                feed.prune(now.minus(feedRetention));
                return null;
            });
        } catch (RuntimeException e) {
            // The database may be down for a moment; the next sweep catches up.
            LOG.warn("Could not delete expired rows: {}", e.getClass().getSimpleName());
        }
    }
}
