package dev.hush.application.webhook;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.json.Json;
import dev.hush.application.plan.PlanPolicy;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.WebhookDeliveries;
import dev.hush.application.port.Webhooks;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.Rejection;
import dev.hush.domain.plan.Limit;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Webhook management for owners and admins: list and inspect (with the delivery log, never response bodies),
 * create, change, delete, rotate the signing secret (shown once), test and redeliver. Every target
 * passes the {@link UrlGuard} at save, at test and at each send.
 */
public final class ManageWebhooks {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Audit audit;
    private final Tenancy tenancy;
    private final Webhooks webhooks;
    private final WebhookDeliveries outbox;
    private final KeyHierarchy keys;
    private final UrlGuard guard;
    private final DeliverWebhooks deliver;
    private final PlanPolicy limits;
    private final Transactions tx;
    private final Clock clock;

    public ManageWebhooks(Tenancy tenancy, Webhooks webhooks, WebhookDeliveries outbox, KeyHierarchy keys, UrlGuard guard, DeliverWebhooks deliver, Transactions tx,
                          Clock clock, PlanPolicy limits, Audit audit) {
        this.audit = audit;
        this.tenancy = tenancy;
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.keys = keys;
        this.guard = guard;
        this.deliver = deliver;
        this.limits = limits;
        this.tx = tx;
        this.clock = clock;
    }

    /** A webhook with its secret, shown once (creation and rotation only). */
    public record Created(Webhooks.Webhook webhook, String secret) {
        @Override
        public String toString() { return "Created[" + webhook.id() + "]"; }
    }

    /** A webhook with its latest deliveries and their attempts. */
    public record Details(Webhooks.Webhook webhook, List<WebhookDeliveries.Delivery> deliveries, Map<UUID, List<WebhookDeliveries.Attempt>> attempts) {}

    public Created create(Caller caller, String orgRef, String rawUrl, List<String> events, String description) {
        // Checked as stored: surrounding spaces are not part of the address.
        String url = rawUrl == null ? null : rawUrl.strip();
        guard.check(url);
        Set<String> chosen = events(events);
        String desc = description(description);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        try {
            return tx.write(() -> {
                Tenancy.InOrg in = tenancy.org(caller, orgRef);
                in.access().requireOrgWideAdmin("create webhooks");
                limits.requireRoom(in.org().id(), Limit.WEBHOOKS, () -> webhooks.count(in.org().id()), 1);
                UUID id = UUID.randomUUID();
                Instant now = clock.instant();
                Webhooks.Webhook w = new Webhooks.Webhook(id, in.org().id(), url, chosen, desc,
                        keys.wrapUnderOrganization(in.org().id(), secretContext(in.org().id(), id), secret), true, now, now);
                webhooks.insert(w);
                audit.record(in.org().id(), caller, "webhook.created", "org/" + in.org().slug() + "/webhook/" + id, String.join(",", chosen));
                return new Created(w, display(secret));
            });
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Owners and admins: webhook URLs may carry a receiver's credentials (Slack-style URLs). */
    public List<Webhooks.Webhook> list(Caller caller, String orgRef) {
        return tx.read(() -> webhooks.list(adminReader(caller, orgRef).org().id()));
    }

    private Tenancy.InOrg adminReader(Caller caller, String orgRef) {
        Tenancy.InOrg in = tenancy.org(caller, orgRef);
        if (!in.access().role().canAdminister()) {
            throw Rejection.forbidden("Only an owner or admin may see the organization's webhooks.");
        }
        return in;
    }

    public Details get(Caller caller, String orgRef, String id) {
        return tx.read(() -> {
            Webhooks.Webhook w = find(adminReader(caller, orgRef), id);
            List<WebhookDeliveries.Delivery> deliveries = outbox.deliveries(w.id(), 50);
            Map<UUID, List<WebhookDeliveries.Attempt>> attempts = new LinkedHashMap<>();
            for (WebhookDeliveries.Delivery d : deliveries) {
                attempts.put(d.id(), outbox.attempts(d.id()));
            }
            return new Details(w, deliveries, attempts);
        });
    }

    public Webhooks.Webhook update(Caller caller, String orgRef, String id, Optional<String> rawUrl, Optional<List<String>> events,
                                   Optional<String> description, Optional<Boolean> active) {
        Optional<String> url = rawUrl.map(String::strip);
        url.ifPresent(guard::check);
        Optional<Set<String>> chosen = events.map(ManageWebhooks::events);
        return tx.write(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            in.access().requireOrgWideAdmin("change webhooks");
            Webhooks.Webhook w = find(in, id);
            Webhooks.Webhook changed = new Webhooks.Webhook(w.id(), w.orgId(), url.orElse(w.url()), chosen.orElse(w.events()),
                    description.isPresent() ? description(description.get()) : w.description(), w.secretWrapped(), active.orElse(w.active()),
                    w.createdAt(), clock.instant());
            webhooks.update(changed);
            audit.record(in.org().id(), caller, "webhook.updated", "org/" + in.org().slug() + "/webhook/" + w.id(), null);
            return changed;
        });
    }

    public void delete(Caller caller, String orgRef, String id) {
        tx.write(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            in.access().requireOrgWideAdmin("delete webhooks");
            Webhooks.Webhook w = find(in, id);
            webhooks.delete(w.id());
            audit.record(in.org().id(), caller, "webhook.deleted", "org/" + in.org().slug() + "/webhook/" + w.id(), null);
            return null;
        });
    }

    /** A new signing secret, shown once; the old one stops signing at once. */
    public Created rotateSecret(Caller caller, String orgRef, String id) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        try {
            return tx.write(() -> {
                Tenancy.InOrg in = tenancy.org(caller, orgRef);
                in.access().requireOrgWideAdmin("rotate webhook secrets");
                Webhooks.Webhook w = find(in, id);
                Webhooks.Webhook changed = new Webhooks.Webhook(w.id(), w.orgId(), w.url(), w.events(), w.description(),
                        keys.wrapUnderOrganization(w.orgId(), secretContext(w.orgId(), w.id()), secret), w.active(), w.createdAt(), clock.instant());
                webhooks.update(changed);
                audit.record(in.org().id(), caller, "webhook.secret_rotated", "org/" + in.org().slug() + "/webhook/" + w.id(), null);
                return new Created(changed, display(secret));
            });
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Sends a {@code webhook.test} event now (the target checked again), logs it like any delivery, and answers the result. */
    public WebhookDeliveries.Delivery test(Caller caller, String orgRef, String id) {
        // The DNS lookup of the check happens outside any transaction (it may take seconds).
        guard.check(tx.read(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            in.access().requireOrgWideAdmin("test webhooks");
            return find(in, id);
        }).url());
        WebhookDeliveries.Delivery d = tx.write(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            in.access().requireOrgWideAdmin("test webhooks");
            Webhooks.Webhook w = find(in, id);
            Instant now = clock.instant();
            UUID deliveryId = UUID.randomUUID();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("id", deliveryId.toString());
            payload.put("event", "webhook.test");
            payload.put("createdAt", now.toString());
            payload.put("org", Map.of("id", in.org().id().toString(), "slug", in.org().slug().value()));
            payload.put("webhook", w.id().toString());
            WebhookDeliveries.Delivery delivery = new WebhookDeliveries.Delivery(deliveryId, w.id(), w.orgId(), "webhook.test", Json.write(payload), "delivering",
                    0, Optional.of(now.plus(deliver.lease())), Optional.empty(), Optional.empty(), Optional.empty(),
                    now, Optional.empty());
            outbox.insertDelivery(delivery);
            return delivery;
        });
        deliver.sendNow(d);
        return tx.read(() -> outbox.delivery(d.webhookId(), d.id()).orElseThrow());
    }

    /** Sends a logged delivery again (as a new attempt, due now). */
    public void redeliver(Caller caller, String orgRef, String id, String deliveryId) {
        tx.write(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            in.access().requireOrgWideAdmin("redeliver webhooks");
            Webhooks.Webhook w = find(in, id);
            UUID did = uuid(deliveryId, "delivery");
            outbox.delivery(w.id(), did).orElseThrow(() -> Rejection.notFound("delivery"));
            if (!outbox.redeliver(did, clock.instant())) {
                throw Rejection.conflict("delivery_in_progress", "The delivery is still pending or being sent.");
            }
            audit.record(in.org().id(), caller, "webhook.redelivered", "org/" + in.org().slug() + "/webhook/" + w.id(), "delivery " + did);
            return null;
        });
    }

    private Webhooks.Webhook find(Tenancy.InOrg in, String id) {
        return webhooks.find(in.org().id(), uuid(id, "webhook")).orElseThrow(() -> Rejection.notFound("webhook"));
    }

    private static UUID uuid(String text, String what) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Rejection.notFound(what);
        }
    }

    private static Set<String> events(List<String> events) {
        if (events == null || events.isEmpty()) {
            return new LinkedHashSet<>(List.of("secret.created", "secret.updated", "secret.deleted", "secret.bulk_set", "secret.promoted",
                    "secret.bulk_delete"));
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            if (!WebhookOutbox.EVENTS.contains(events.get(i))) {
                throw Rejection.invalid("events[" + i + "]", "unknown event (secret.created, secret.updated, secret.deleted, secret.bulk_set, "
                        + "secret.promoted, secret.bulk_delete)");
            }
            out.add(events.get(i));
        }
        return out;
    }

    private static String description(String description) {
        if (description != null && description.length() > 500) {
            throw Rejection.invalid("description", "must be at most 500 characters");
        }
        return description;
    }

    static byte[] secretContext(UUID orgId, UUID webhookId) {
        return ("hush/webhook-secret/v1|" + orgId + "|" + webhookId).getBytes(StandardCharsets.US_ASCII);
    }

    /** The secret as shown once and used as the HMAC key: {@code whsec_} and base64url of 32 random bytes. */
    static String display(byte[] secret) { return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret); }
}
