package dev.hush.bootstrap.wiring;

import dev.hush.application.audit.Audit;
import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.plan.PlanPolicy;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.WebhookDeliveries;
import dev.hush.application.port.Webhooks;
import dev.hush.application.tenant.Tenancy;
import dev.hush.application.webhook.DeliverWebhooks;
import dev.hush.application.webhook.ManageWebhooks;
import dev.hush.application.webhook.UrlGuard;
import dev.hush.application.webhook.WebhookOutbox;
import dev.hush.bootstrap.outbound.HttpWebhookSender;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Webhooks: the outbox written in each use case's transaction, deliveries, and the guard on target addresses. */
@Factory
final class WebhookWiring {
    /** HUSH_WEBHOOKS_ALLOW; HUSH_WEBHOOK_ALLOW, its first name, is still read when the new one is not set. */
    @Singleton
    UrlGuard urlGuard(WebhookSettings settings, Environment environment) {
        String allow = settings.allow() != null ? settings.allow() : environment.getProperty("hush.webhook.allow", String.class).orElse("");
        return new UrlGuard(allow);
    }

    @Singleton
    WebhookOutbox webhookOutbox(Webhooks webhooks, WebhookDeliveries outbox, Clock clock, dev.hush.application.port.EnvironmentFeed feed) {
        return new WebhookOutbox(webhooks, outbox, clock, feed);
    }

    @Singleton
    DeliverWebhooks deliverWebhooks(Webhooks webhooks, WebhookDeliveries outbox, KeyHierarchy keys, UrlGuard guard, Transactions tx, Clock clock,
                                    WebhookSettings settings) {
        return new DeliverWebhooks(webhooks, outbox, keys, guard, new HttpWebhookSender(settings.deadline()), tx, clock, settings.backoff(),
                settings.maxAttempts(), settings.deadline());
    }

    @Singleton
    ManageWebhooks manageWebhooks(Tenancy tenancy, Webhooks webhooks, WebhookDeliveries outbox, KeyHierarchy keys, UrlGuard guard, DeliverWebhooks deliver,
                                  Transactions tx, Clock clock, PlanPolicy limits, Audit audit) {
        return new ManageWebhooks(tenancy, webhooks, outbox, keys, guard, deliver, tx, clock, limits, audit);
    }
}
