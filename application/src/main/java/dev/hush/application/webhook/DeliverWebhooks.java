package dev.hush.application.webhook;

import dev.hush.application.crypto.KeyHierarchy;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.WebhookDeliveries;
import dev.hush.application.port.Webhooks;
import dev.hush.domain.Rejection;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends due deliveries from the outbox: claimed in a short transaction (SKIP LOCKED, then a lease so the
 * HTTP call holds no lock), the target checked again by the {@link UrlGuard}, the request signed, the
 * attempt logged; failures retried with exponential backoff up to a limit, then marked failed.
 *
 * <p>Signature: {@code Hush-Webhook-Signature: v1=<hex HMAC-SHA256(secret, id + "." + timestamp + "." + body)>}
 * with {@code Hush-Webhook-Id} and {@code Hush-Webhook-Timestamp} (Unix seconds); receivers reject
 * timestamps more than five minutes away.
 */
public final class DeliverWebhooks {
    /** How long a claimed delivery stays another node's to skip: well past the sender's hard deadline. */
    private final Duration lease;

    private final Webhooks webhooks;
    private final WebhookDeliveries outbox;
    private final KeyHierarchy keys;
    private final UrlGuard guard;
    private final WebhookSender sender;
    private final Transactions tx;
    private final Clock clock;
    private final Duration backoff;
    private final int maxAttempts;

    public DeliverWebhooks(Webhooks webhooks, WebhookDeliveries outbox, KeyHierarchy keys, UrlGuard guard, WebhookSender sender, Transactions tx, Clock clock,
                           Duration backoff, int maxAttempts, Duration sendDeadline) {
        if (sendDeadline.isNegative() || sendDeadline.isZero() || sendDeadline.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("The webhook send deadline must be between 1 ms and 5 minutes, not " + sendDeadline);
        }
        if (maxAttempts < 1 || backoff.isNegative()) {
            throw new IllegalArgumentException("Webhook retries need at least 1 attempt and a backoff of 0 or more");
        }
        this.lease = sendDeadline.multipliedBy(2).plusSeconds(30);
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.keys = keys;
        this.guard = guard;
        this.sender = sender;
        this.tx = tx;
        this.clock = clock;
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
    }

    /** How long a delivery being sent is held from other nodes. */
    public Duration lease() { return lease; }

    /** Sends up to {@code limit} due deliveries; returns how many were attempted. */
    public int step(int limit) {
        int sent = 0;
        // One at a time: each delivery is leased right before its own send, so a lease never runs out while
        // earlier deliveries of a batch are still being sent.
        while (sent < limit) {
            List<WebhookDeliveries.Delivery> claimed = tx.write(() -> {
                Instant now = clock.instant();
                List<WebhookDeliveries.Delivery> due = outbox.claimDue(now, 1);
                for (WebhookDeliveries.Delivery d : due) {
                    outbox.lease(d.id(), now.plus(lease));
                }
                return due;
            });
            if (claimed.isEmpty()) {
                break;
            }
            attempt(claimed.get(0), false);
            sent++;
        }
        return sent;
    }

    /** One attempt of one delivery, logged; {@code single}: no retry whatever happens (a test delivery). */
    WebhookSender.Result attempt(WebhookDeliveries.Delivery d, boolean single) {
        Optional<Webhooks.Webhook> webhook = tx.read(() -> webhooks.find(d.orgId(), d.webhookId()));
        WebhookSender.Result result;
        if (webhook.isEmpty() || !webhook.get().active()) {
            result = new WebhookSender.Result(Optional.empty(), 0, Optional.of("the webhook is disabled or deleted"));
        } else {
            result = send(webhook.get(), d);
        }
        int attempt = d.attempts() + 1;
        Instant now = clock.instant();
        boolean done = single || result.succeeded() || attempt >= maxAttempts || webhook.isEmpty() || !webhook.get().active();
        String status = result.succeeded() ? "succeeded" : done ? "failed" : "pending";
        Optional<Instant> next = done ? Optional.empty() : Optional.of(now.plus(backoff.multipliedBy(1L << Math.min(attempt - 1, 16))));
        tx.write(() -> {
            outbox.recordAttempt(new WebhookDeliveries.Attempt(d.id(), attempt, now, result.statusCode(), result.durationMs(), result.error()),
                    status, next, done ? Optional.of(now) : Optional.empty());
            return null;
        });
        return result;
    }

    private WebhookSender.Result send(Webhooks.Webhook w, WebhookDeliveries.Delivery d) {
        UrlGuard.Target target;
        try {
            target = guard.check(w.url());
        } catch (Rejection refused) {
            return new WebhookSender.Result(Optional.empty(), 0, Optional.of(shorten("refused: " + refused.getMessage())));
        }
        byte[] body = d.payload().getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        byte[] secret;
        try {
            secret = secret(w);
        } catch (RuntimeException e) {
            return new WebhookSender.Result(Optional.empty(), 0, Optional.of(e instanceof Rejection r && r.kind() == Rejection.Kind.UNAVAILABLE
                    ? "the signing key could not be opened: the key service is unavailable" : "the signing key could not be opened"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Hush-Webhooks/0.1");
        headers.put("Hush-Webhook-Id", d.id().toString());
        headers.put("Hush-Webhook-Timestamp", timestamp);
        headers.put("Hush-Webhook-Event", d.event());
        try {
            headers.put("Hush-Webhook-Signature", "v1=" + sign(secret, d.id().toString(), timestamp, body));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        WebhookSender.Result r = sender.send(target, headers, body);
        return new WebhookSender.Result(r.statusCode(), r.durationMs(), r.error().map(DeliverWebhooks::shorten));
    }

    /** The secret as the receiver knows it ({@code whsec_...}), as UTF-8: the HMAC key. */
    private byte[] secret(Webhooks.Webhook w) {
        // Inside a transaction: a cold key cache reads the organization's wrapped key from the database.
        byte[] raw = tx.read(() -> keys.unwrapUnderOrganization(w.orgId(), ManageWebhooks.secretContext(w.orgId(), w.id()), w.secretWrapped(), null));
        try {
            return ManageWebhooks.display(raw).getBytes(StandardCharsets.US_ASCII);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    public static String sign(byte[] secret, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable");
        }
    }

    private static String shorten(String s) { return s.length() > 300 ? s.substring(0, 300) : s; }

    /** For {@link ManageWebhooks#test}: a delivery sent at once, a single attempt. */
    WebhookSender.Result sendNow(WebhookDeliveries.Delivery d) { return attempt(d, true); }
}
