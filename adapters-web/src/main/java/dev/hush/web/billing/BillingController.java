package dev.hush.web.billing;

import dev.hush.application.plan.BillingStatus;
import dev.hush.application.plan.PlanPolicy;
import dev.hush.web.auth.RequestAuth;
import io.micronaut.http.HttpRequest;
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
    private final RequestAuth auth;
    private final BillingStatus status;
    private final PlanPolicy policy;

    BillingController(RequestAuth auth, BillingStatus status, PlanPolicy policy) {
        this.auth = auth;
        this.status = status;
        this.policy = policy;
    }

    @Serdeable
    record Usage(long projects, long members, long secrets, long webhooks) {}

    @Serdeable
    record Billing(String provider, String plan, String status, Usage usage, Map<String, Long> limits) {}

    @Get("/{orgId}")
    @Operation(summary = "The organization's plan, billing status, usage counts and effective limits (-1: unlimited)")
    Billing get(HttpRequest<?> request, @PathVariable String orgId) {
        var v = status.get(auth.require(request), orgId);
        var u = v.usage();
        return new Billing(policy.billingEnabled() ? "stripe" : "none", v.org().plan().wire(), v.org().status(),
                new Usage(u.projects(), u.members(), u.secrets(), u.webhooks()), v.effective().wire());
    }
}
