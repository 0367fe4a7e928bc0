package dev.hush.web.billing;

import dev.hush.application.auth.Caller;
import dev.hush.application.plan.BillingStatus;
import dev.hush.application.plan.ManageBilling;
import dev.hush.application.plan.PlanPolicy;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;

/** {@code GET /v1/billing/{orgId}} (owner/admin). */
@Controller("/v1/billing")
@ExecuteOn("blocking")
@Tag(name = "billing")
final class BillingController {
    private final BillingStatus status;
    private final PlanPolicy policy;
    private final ManageBilling manage;

    BillingController(BillingStatus status, PlanPolicy policy, ManageBilling manage) {
        this.status = status;
        this.policy = policy;
        this.manage = manage;
    }

    @Serdeable
    record CheckoutRequest(String plan, @io.micronaut.core.annotation.Nullable String successUrl, @io.micronaut.core.annotation.Nullable String cancelUrl) {}

    @Serdeable
    record PortalRequest(@io.micronaut.core.annotation.Nullable String returnUrl) {}

    @Serdeable
    record SessionUrl(String url) {}

    @Serdeable
    record Received(boolean received, boolean applied) {}

    @io.micronaut.http.annotation.Post("/{orgId}/checkout")
    @Operation(summary = "A hosted Stripe Checkout session for a paid plan (owner/admin)")
    SessionUrl checkout(Caller caller, @io.micronaut.http.annotation.PathVariable String orgId,
                        @io.micronaut.http.annotation.Body CheckoutRequest body) {
        return new SessionUrl(manage.checkout(caller, orgId, body.plan(), java.util.Optional.ofNullable(body.successUrl()),
                java.util.Optional.ofNullable(body.cancelUrl())));
    }

    @io.micronaut.http.annotation.Post("/{orgId}/portal")
    @Operation(summary = "A Stripe Customer Portal session (owner/admin)")
    SessionUrl portal(Caller caller, @io.micronaut.http.annotation.PathVariable String orgId,
                      @io.micronaut.core.annotation.Nullable @io.micronaut.http.annotation.Body PortalRequest body) {
        return new SessionUrl(manage.portal(caller, orgId, java.util.Optional.ofNullable(body).map(PortalRequest::returnUrl)));
    }

    /** No authentication: the Stripe-Signature over the raw body is the authentication. */
    @io.micronaut.http.annotation.Post(value = "/webhook", consumes = io.micronaut.http.MediaType.ALL)
    @Operation(summary = "Stripe webhook (no auth; signature verified over the raw body, 300 s tolerance; replays ignored)")
    Received webhook(@io.micronaut.http.annotation.Body String payload,
                     @io.micronaut.core.annotation.Nullable @io.micronaut.http.annotation.Header("Stripe-Signature") String signature) {
        return new Received(true, manage.webhook(payload, signature));
    }

    @Serdeable
    record Usage(long projects, long members, long secrets, long webhooks, long apiRequests) {}

    @Serdeable
    record Billing(String provider, String plan, String status, Usage usage, Map<String, Long> limits) {}

    @Get("/{orgId}")
    @Operation(summary = "The organization's plan, billing status, usage counts and effective limits (-1: unlimited)")
    Billing get(Caller caller, @PathVariable String orgId) {
        var v = status.get(caller, orgId);
        var u = v.usage();
        return new Billing(manage.provider(), v.org().plan().wire(), v.org().status(),
                new Usage(u.projects(), u.members(), u.secrets(), u.webhooks(), u.apiRequests()), v.effective().wire());
    }
}
