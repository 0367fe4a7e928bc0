package dev.hush.application.fakes;

import dev.hush.application.port.WebhookDeliveries;
import dev.hush.application.port.Webhooks;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Webhooks, their deliveries (the outbox) and attempts; claim and lease as {@code JdbcWebhooks} does them. */
public final class InMemoryWebhooks extends InMemoryStore implements Webhooks, WebhookDeliveries {
    private final Map<UUID, Webhook> webhooks = table();
    private final Map<UUID, Delivery> deliveries = table();
    private final Map<String, Attempt> attempts = table();

    public InMemoryWebhooks(FakeTransactions tx) { super(tx); }

    @Override
    public void insert(Webhook webhook) {
        writing();
        webhooks.put(webhook.id(), webhook);
    }

    @Override
    public void update(Webhook webhook) {
        writing();
        webhooks.replace(webhook.id(), webhook);
    }

    @Override
    public void delete(UUID webhookId) {
        writing();
        List<UUID> ds = deliveries.values().stream().filter(d -> d.webhookId().equals(webhookId)).map(Delivery::id).toList();
        attempts.values().removeIf(a -> ds.contains(a.deliveryId()));
        ds.forEach(deliveries::remove);
        webhooks.remove(webhookId);
    }

    @Override
    public List<Webhook> list(UUID orgId) {
        reading();
        return webhooks.values().stream().filter(w -> w.orgId().equals(orgId)).sorted(Comparator.comparing(Webhook::createdAt)).toList();
    }

    @Override
    public Optional<Webhook> find(UUID orgId, UUID webhookId) {
        reading();
        return Optional.ofNullable(webhooks.get(webhookId)).filter(w -> w.orgId().equals(orgId));
    }

    @Override
    public List<Webhook> subscribers(UUID orgId, String event) {
        reading();
        return list(orgId).stream().filter(w -> w.active() && w.events().contains(event)).toList();
    }

    @Override
    public void insertDelivery(Delivery delivery) {
        writing();
        deliveries.put(delivery.id(), delivery);
    }

    @Override
    public Optional<Delivery> delivery(UUID webhookId, UUID deliveryId) {
        reading();
        return Optional.ofNullable(deliveries.get(deliveryId)).filter(d -> d.webhookId().equals(webhookId));
    }

    @Override
    public List<Delivery> deliveries(UUID webhookId, int limit) {
        reading();
        return deliveries.values().stream().filter(d -> d.webhookId().equals(webhookId)).sorted(Comparator.comparing(Delivery::createdAt).reversed())
                .limit(limit).toList();
    }

    @Override
    public List<Attempt> attempts(UUID deliveryId) {
        reading();
        return attempts.values().stream().filter(a -> a.deliveryId().equals(deliveryId)).sorted(Comparator.comparingInt(Attempt::attempt)).toList();
    }

    @Override
    public List<Delivery> claimDue(Instant now, int limit) {
        writing();
        return deliveries.values().stream().filter(d -> (d.status().equals("pending") || d.status().equals("delivering"))
                && d.nextAttemptAt().map(t -> !t.isAfter(now)).orElse(false))
                .sorted(Comparator.comparing(d -> d.nextAttemptAt().get())).limit(limit).toList();
    }

    @Override
    public void lease(UUID deliveryId, Instant until) {
        writing();
        deliveries.computeIfPresent(deliveryId, (k, d) -> with(d, "delivering", d.attempts(), Optional.of(until), d.lastStatusCode(), d.lastDurationMs(),
                d.lastError(), d.completedAt()));
    }

    @Override
    public void recordAttempt(Attempt a, String status, Optional<Instant> nextAttemptAt, Optional<Instant> completedAt) {
        writing();
        attempts.put(a.deliveryId() + "#" + a.attempt(), a);
        deliveries.computeIfPresent(a.deliveryId(), (k, d) -> with(d, status, a.attempt(), nextAttemptAt, a.statusCode(), Optional.of(a.durationMs()),
                a.error(), completedAt));
    }

    @Override
    public boolean redeliver(UUID deliveryId, Instant now) {
        writing();
        Delivery d = deliveries.get(deliveryId);
        if (d == null || !(d.status().equals("succeeded") || d.status().equals("failed"))) {
            return false;
        }
        deliveries.put(deliveryId, with(d, "pending", d.attempts(), Optional.of(now), d.lastStatusCode(), d.lastDurationMs(), d.lastError(),
                Optional.empty()));
        return true;
    }

    @Override
    public long count(UUID orgId) {
        reading();
        return webhooks.values().stream().filter(w -> w.orgId().equals(orgId)).count();
    }

    private static Delivery with(Delivery d, String status, int attempts, Optional<Instant> next, Optional<Integer> code, Optional<Long> duration,
                                 Optional<String> error, Optional<Instant> completed) {
        return new Delivery(d.id(), d.webhookId(), d.orgId(), d.event(), d.payload(), status, attempts, next, code, duration, error, d.createdAt(),
                completed);
    }

    void deleteOf(UUID orgId) {
        List<UUID> ds = deliveries.values().stream().filter(d -> d.orgId().equals(orgId)).map(Delivery::id).toList();
        attempts.values().removeIf(a -> ds.contains(a.deliveryId()));
        ds.forEach(deliveries::remove);
        webhooks.values().removeIf(w -> w.orgId().equals(orgId));
    }

    /** Test views. */
    public List<Delivery> allDeliveries() {
        return deliveries.values().stream().sorted(Comparator.comparing(Delivery::createdAt)).toList();
    }

    public List<Webhook> all() { return List.copyOf(webhooks.values()); }
}
