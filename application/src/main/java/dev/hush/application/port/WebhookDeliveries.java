package dev.hush.application.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The outbox of webhook deliveries, their attempts, and how nodes share the sending. Call inside transactions. */
public interface WebhookDeliveries {
    /** One delivery of one event to one webhook; {@code payload} is the JSON body (never a value). */
    record Delivery(UUID id, UUID webhookId, UUID orgId, String event, String payload, String status, int attempts,
                    Optional<Instant> nextAttemptAt, Optional<Integer> lastStatusCode, Optional<Long> lastDurationMs,
                    Optional<String> lastError, Instant createdAt, Optional<Instant> completedAt) {}

    record Attempt(UUID deliveryId, int attempt, Instant at, Optional<Integer> statusCode, long durationMs, Optional<String> error) {}

    void insertDelivery(Delivery delivery);

    Optional<Delivery> delivery(UUID webhookId, UUID deliveryId);

    /** The newest deliveries of a webhook, with their attempts. */
    List<Delivery> deliveries(UUID webhookId, int limit);

    List<Attempt> attempts(UUID deliveryId);

    /**
     * Up to {@code limit} deliveries due at {@code now} (pending, or leased by a node that did not finish),
     * locked for this transaction and skipped by other nodes ({@code FOR UPDATE SKIP LOCKED}).
     */
    List<Delivery> claimDue(Instant now, int limit);

    /** Takes a claimed delivery for {@code until}: other nodes skip it meanwhile; if this node dies it becomes due again then. */
    void lease(UUID deliveryId, Instant until);

    /** Records an attempt and the delivery's new state. */
    void recordAttempt(Attempt attempt, String status, Optional<Instant> nextAttemptAt, Optional<Instant> completedAt);

    /** Makes a completed (succeeded or failed) delivery pending again, due now; false when it is still pending or being sent. */
    boolean redeliver(UUID deliveryId, Instant now);
}
