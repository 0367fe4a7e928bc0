package dev.hush.bootstrap.jobs;

import dev.hush.application.keys.RotateProjectKey;
import dev.hush.domain.Rejection;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs project key re-encryption in the background on every node: batches are transactions that lock
 * their rotation's row, so nodes take turns and a restart resumes from the stored cursor.
 */
@Singleton
final class KeyRotationJob {
    private static final Logger LOG = LoggerFactory.getLogger(KeyRotationJob.class);
    private final RotateProjectKey rotateProjectKey;

    KeyRotationJob(RotateProjectKey rotateProjectKey) { this.rotateProjectKey = rotateProjectKey; }

    @Scheduled(fixedDelay = "${hush.key-rotation.interval}", initialDelay = "${hush.key-rotation.interval}")
    void run() {
        try {
            long until = System.nanoTime() + 1_000_000_000L;
            while (rotateProjectKey.step() && System.nanoTime() < until) {
                // one batch per transaction; keep going for up to a second per tick
            }
        } catch (RuntimeException e) {
            // The KMS or the database may be down for a moment: the cursor is stored, the next tick resumes.
            LOG.warn("Project key re-encryption paused: {}", e instanceof Rejection r ? r.code() : e.getClass().getSimpleName());
        }
    }
}
