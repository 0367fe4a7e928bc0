package dev.hush.application.webhook;

import dev.hush.application.auth.Caller;
import dev.hush.application.json.Json;
import dev.hush.application.port.WebhookDeliveries;
import dev.hush.application.port.Webhooks;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes one delivery per subscribed webhook into the outbox, inside the caller's transaction: the event
 * is sent if and only if the change commits. Payloads name the organization, project, environment, keys,
 * versions and actor — never a value.
 */
public final class WebhookOutbox {
    public static final Set<String> EVENTS = Set.of("secret.created", "secret.updated", "secret.deleted", "secret.bulk_set", "secret.promoted",
            "secret.bulk_delete");

    /** At most this many keys are named in one payload ({@code count} has the total, {@code truncated} says so). */
    static final int MAX_KEYS = 100;

    private final Webhooks webhooks;
    private final WebhookDeliveries outbox;
    private final Clock clock;
    private final dev.hush.application.port.EnvironmentFeed feed;

    public WebhookOutbox(Webhooks webhooks, WebhookDeliveries outbox, Clock clock, dev.hush.application.port.EnvironmentFeed feed) {
        this.feed = feed;
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * One secret event, in the change's transaction: into the environment's change feed (WatchEnvironment), and a
     * delivery for each subscribed webhook; {@code versions} maps each key to its version after the change (empty for deletes).
     */
    public void secretEvent(UUID environmentId, UUID orgId, String orgSlug, String project, String environment, String event, Caller actor,
                            List<String> keys, Map<String, Integer> versions, Map<String, Object> extra) {
        feed.append(environmentId, event, keys, clock.instant());
        List<Webhooks.Webhook> targets = webhooks.subscribers(orgId, event);
        if (targets.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (Webhooks.Webhook w : targets) {
            UUID id = UUID.randomUUID();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("id", id.toString());
            payload.put("event", event);
            payload.put("createdAt", now.toString());
            payload.put("org", Map.of("id", orgId.toString(), "slug", orgSlug));
            payload.put("project", project);
            payload.put("environment", environment);
            // Bounded: a bulk change of 1000 long keys must not make a payload the outbox cannot hold.
            payload.put("count", keys.size());
            payload.put("keys", keys.size() > MAX_KEYS ? keys.subList(0, MAX_KEYS) : keys);
            Map<String, Integer> shown = new LinkedHashMap<>();
            for (String k : keys.size() > MAX_KEYS ? keys.subList(0, MAX_KEYS) : keys) {
                if (versions.containsKey(k)) {
                    shown.put(k, versions.get(k));
                }
            }
            payload.put("versions", shown);
            payload.put("truncated", keys.size() > MAX_KEYS);
            Map<String, Object> who = new LinkedHashMap<>();
            who.put("userId", actor.userId().toString());
            who.put("tokenId", actor.tokenId().map(UUID::toString).orElse(null));
            payload.put("actor", who);
            payload.putAll(extra);
            outbox.insertDelivery(new WebhookDeliveries.Delivery(id, w.id(), orgId, event, Json.write(payload), "pending", 0, Optional.of(now),
                    Optional.empty(), Optional.empty(), Optional.empty(), now, Optional.empty()));
        }
    }
}
