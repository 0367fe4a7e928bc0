package dev.hush.web.webhook;

import dev.hush.application.auth.Caller;
import dev.hush.application.port.WebhookDeliveries;
import dev.hush.application.port.Webhooks;
import dev.hush.application.webhook.ManageWebhooks;
import dev.hush.web.support.RequestLists;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code /v1/webhooks/{orgId}}: members list and inspect; owners and admins create, change, delete, rotate, test and redeliver. */
@Controller("/v1/webhooks/{orgId}")
@ExecuteOn("blocking")
@Tag(name = "webhooks")
final class WebhooksController {
    private final ManageWebhooks manage;

    WebhooksController(ManageWebhooks manage) {
        this.manage = manage;
    }

    @Serdeable
    record CreateRequest(String url, @Nullable List<String> events, @Nullable String description) {
        @Override
        public List<String> events() { return RequestLists.noNulls("events", events); }
    }

    @Serdeable
    record UpdateRequest(@Nullable String url, @Nullable List<String> events, @Nullable String description, @Nullable Boolean active) {
        @Override
        public List<String> events() { return RequestLists.noNulls("events", events); }
    }

    @Serdeable
    record WebhookView(UUID id, String url, List<String> events, @Nullable String description, boolean active, Instant createdAt, @Nullable Instant updatedAt) {
        static WebhookView of(Webhooks.Webhook w) {
            return new WebhookView(w.id(), w.url(), List.copyOf(w.events()), w.description(), w.active(), w.createdAt(), w.updatedAt());
        }
    }

    /** The secret appears here only: at creation and at rotation. */
    @Serdeable
    record CreatedView(UUID id, String url, List<String> events, @Nullable String description, boolean active, Instant createdAt, String secret) {}

    @Serdeable
    record AttemptView(int attempt, Instant at, @Nullable Integer statusCode, long durationMs, @Nullable String error) {}

    @Serdeable
    record DeliveryView(UUID id, String event, String status, int attempts, @Nullable Integer lastStatusCode, @Nullable Long lastDurationMs, @Nullable String lastError,
                        Instant createdAt, @Nullable Instant nextAttemptAt, @Nullable Instant completedAt, List<AttemptView> log) {
        static DeliveryView of(WebhookDeliveries.Delivery d, List<WebhookDeliveries.Attempt> attempts) {
            return new DeliveryView(d.id(), d.event(), d.status(), d.attempts(), d.lastStatusCode().orElse(null), d.lastDurationMs().orElse(null),
                    d.lastError().orElse(null), d.createdAt(), d.status().equals("pending") ? d.nextAttemptAt().orElse(null) : null,
                    d.completedAt().orElse(null), attempts.stream().map(a -> new AttemptView(a.attempt(), a.at(), a.statusCode().orElse(null),
                            a.durationMs(), a.error().orElse(null))).toList());
        }
    }

    @Serdeable
    record Details(WebhookView webhook, List<DeliveryView> deliveries) {}

    @Serdeable
    record WebhookList(List<WebhookView> webhooks) {}

    @Get
    @Operation(summary = "List the organization's webhooks")
    WebhookList list(Caller caller, @PathVariable String orgId) {
        return new WebhookList(manage.list(caller, orgId).stream().map(WebhookView::of).toList());
    }

    @Post
    @Operation(summary = "Create a webhook (owner/admin); the signing secret is in this answer only")
    MutableHttpResponse<CreatedView> create(Caller caller, @PathVariable String orgId, @Body CreateRequest body) {
        var c = manage.create(caller, orgId, body.url(), body.events(), body.description());
        var w = c.webhook();
        return HttpResponse.status(HttpStatus.CREATED).body(new CreatedView(w.id(), w.url(), List.copyOf(w.events()), w.description(), w.active(),
                w.createdAt(), c.secret()));
    }

    @Get("/{id}")
    @Operation(summary = "A webhook with its latest deliveries and their attempts (status, response code, duration; never a response body)")
    Details get(Caller caller, @PathVariable String orgId, @PathVariable String id) {
        var d = manage.get(caller, orgId, id);
        return new Details(WebhookView.of(d.webhook()), d.deliveries().stream().map(x -> DeliveryView.of(x, d.attempts().getOrDefault(x.id(), List.of())))
                .toList());
    }

    @Patch("/{id}")
    @Operation(summary = "Change a webhook's URL, events, description or active flag (owner/admin)")
    WebhookView update(Caller caller, @PathVariable String orgId, @PathVariable String id, @Body UpdateRequest body) {
        return WebhookView.of(manage.update(caller, orgId, id, Optional.ofNullable(body.url()), Optional.ofNullable(body.events()),
                Optional.ofNullable(body.description()), Optional.ofNullable(body.active())));
    }

    @Delete("/{id}")
    @Operation(summary = "Delete a webhook with its delivery log (owner/admin)")
    HttpResponse<?> delete(Caller caller, @PathVariable String orgId, @PathVariable String id) {
        manage.delete(caller, orgId, id);
        return HttpResponse.noContent();
    }

    @Post("/{id}/rotate-secret")
    @Operation(summary = "A new signing secret, shown once (owner/admin)")
    CreatedView rotateSecret(Caller caller, @PathVariable String orgId, @PathVariable String id) {
        var c = manage.rotateSecret(caller, orgId, id);
        var w = c.webhook();
        return new CreatedView(w.id(), w.url(), List.copyOf(w.events()), w.description(), w.active(), w.createdAt(), c.secret());
    }

    @Post("/{id}/test")
    @Operation(summary = "Send a webhook.test delivery now and answer its result (owner/admin)")
    DeliveryView test(Caller caller, @PathVariable String orgId, @PathVariable String id) {
        return DeliveryView.of(manage.test(caller, orgId, id), List.of());
    }

    @Post("/{id}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Send a logged delivery again (owner/admin)")
    HttpResponse<?> redeliver(Caller caller, @PathVariable String orgId, @PathVariable String id, @PathVariable String deliveryId) {
        manage.redeliver(caller, orgId, id, deliveryId);
        return HttpResponse.accepted();
    }
}
