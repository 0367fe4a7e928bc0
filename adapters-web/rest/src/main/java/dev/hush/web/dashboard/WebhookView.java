package dev.hush.web.dashboard;

import dev.hush.application.port.WebhookDeliveries;
import dev.hush.application.port.Webhooks;
import dev.hush.application.webhook.WebhookOutbox;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the webhook pages show: a webhook (never its secret), the events one may subscribe to, and its delivery log
 * (each delivery with its attempts: status code, duration, error; never a response body).
 */
public record WebhookView(String id, String url, List<String> events, String description, boolean active, String created) {
    /** The events a webhook may subscribe to, as {@link dev.hush.application.webhook.ManageWebhooks} accepts them. */
    public static final List<String> EVENTS = WebhookOutbox.EVENTS.stream().sorted().toList();

    /** A checkbox's field name for an event (one field per event; a form map holds one value per name). */
    public static String field(String event) { return "event-" + event.replace('.', '-'); }

    public boolean subscribes(String event) { return events.contains(event); }

    public String eventList() { return String.join(", ", events); }

    public record Delivery(String id, String event, String status, int attempts, String created, String result, boolean redeliverable,
                           List<Attempt> log) {}

    public record Attempt(int attempt, String at, String statusCode, String duration, String error) {}

    static WebhookView of(Webhooks.Webhook w) {
        List<String> events = EVENTS.stream().filter(w.events()::contains).toList();
        return new WebhookView(w.id().toString(), w.url(), events, w.description() == null ? "" : w.description(), w.active(),
                TokenPages.WHEN.format(w.createdAt()));
    }

    static List<Delivery> log(List<WebhookDeliveries.Delivery> deliveries, Map<java.util.UUID, List<WebhookDeliveries.Attempt>> attempts) {
        return deliveries.stream().map(d -> new Delivery(d.id().toString(), d.event(), d.status(), d.attempts(),
                TokenPages.WHEN.format(d.createdAt()), result(d.lastStatusCode(), d.lastDurationMs(), d.lastError()),
                !d.status().equals("pending") && !d.status().equals("delivering"),
                attempts.getOrDefault(d.id(), List.of()).stream().map(a -> new Attempt(a.attempt(), TokenPages.WHEN.format(a.at()),
                        a.statusCode().map(c -> "HTTP " + c).orElse("no answer"), a.durationMs() + " ms", a.error().orElse(""))).toList()))
                .toList();
    }

    private static String result(Optional<Integer> code, Optional<Long> ms, Optional<String> error) {
        if (code.isEmpty() && error.isEmpty()) {
            return "not sent yet";
        }
        String out = code.map(c -> "HTTP " + c).orElse("no answer") + ms.map(d -> " in " + d + " ms").orElse("");
        return error.map(e -> out + ": " + e).orElse(out);
    }
}
