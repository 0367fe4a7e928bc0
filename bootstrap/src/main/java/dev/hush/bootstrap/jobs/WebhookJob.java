package dev.hush.bootstrap.jobs;

import dev.hush.application.webhook.DeliverWebhooks;
import dev.hush.domain.Rejection;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends due webhook deliveries on every node; nodes share the outbox (SKIP LOCKED and leases). */
@Singleton
final class WebhookJob {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookJob.class);
    private final DeliverWebhooks deliver;

    WebhookJob(DeliverWebhooks deliver) { this.deliver = deliver; }

    @Scheduled(fixedDelay = "${hush.webhooks.interval}", initialDelay = "${hush.webhooks.interval}")
    void run() {
        try {
            long until = System.nanoTime() + 2_000_000_000L;
            while (deliver.step(10) > 0 && System.nanoTime() < until) {
                // keep going while there is work, two seconds per tick at most
            }
        } catch (RuntimeException e) {
            LOG.warn("Webhook deliveries paused: {}", e instanceof Rejection r ? r.code() : e.getClass().getSimpleName());
        }
    }
}
