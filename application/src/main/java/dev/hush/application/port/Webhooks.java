package dev.hush.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Organizations' webhooks; their deliveries are {@link WebhookDeliveries}. Call inside transactions. */
public interface Webhooks {
    record Webhook(UUID id, UUID orgId, String url, Set<String> events, String description, byte[] secretWrapped, boolean active,
                   Instant createdAt, Instant updatedAt) {
        @Override
        public String toString() { return "Webhook[" + id + "]"; }
    }

    void insert(Webhook webhook);

    void update(Webhook webhook);

    void delete(UUID webhookId);

    List<Webhook> list(UUID orgId);

    Optional<Webhook> find(UUID orgId, UUID webhookId);

    /** Active webhooks of the organization that subscribe to the event. */
    List<Webhook> subscribers(UUID orgId, String event);

    long count(UUID orgId);
}
