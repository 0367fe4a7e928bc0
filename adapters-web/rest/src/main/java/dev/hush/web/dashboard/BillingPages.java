package dev.hush.web.dashboard;

import dev.hush.application.plan.BillingStatus;
import dev.hush.application.plan.ManageBilling;
import dev.hush.domain.Rejection;
import dev.hush.domain.plan.PlanLimits;
import dev.hush.web.support.PublicUrl;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An organization's billing: its plan, what it uses against each limit, and the buttons to Stripe's hosted
 * Checkout (Upgrade) and Customer Portal (Manage billing), which answer with a redirect to the session the
 * provider made. The same use cases and roles as {@code /v1/billing} (owners and admins); without billing
 * ({@code HUSH_BILLING_PROVIDER=none}) the page says so and offers no button.
 */
@Controller("/orgs/{org}/billing")
@Hidden
@ExecuteOn("blocking")
final class BillingPages {
    /** The plans a checkout may choose. */
    static final List<String> PAID = List.of("pro", "team");

    private final Pages pages;
    private final BillingStatus status;
    private final ManageBilling manage;
    private final PublicUrl publicUrl;

    BillingPages(Pages pages, BillingStatus status, ManageBilling manage, PublicUrl publicUrl) {
        this.pages = pages;
        this.status = status;
        this.manage = manage;
        this.publicUrl = publicUrl;
    }

    @Get
    MutableHttpResponse<?> billing(HttpRequest<?> request, @PathVariable String org, @Nullable @QueryValue String checkout) {
        var caller = pages.require(request);
        var v = status.get(caller, org);
        boolean selfHosted = "none".equals(manage.provider());
        boolean unlimited = v.effective().equals(PlanLimits.unlimited());
        String notice = "success".equals(checkout) ? "Thank you: the new plan applies as soon as Stripe confirms the payment."
                : "cancel".equals(checkout) ? "Checkout cancelled: nothing changed." : null;
        return Pages.render(HttpStatus.OK, "billing", "page", pages.page(request, caller, "Billing", org), "org", org,
                "plan", v.org().plan().wire(), "status", v.org().status(), "selfHosted", selfHosted, "unlimited", unlimited,
                "usage", PlanViews.usage(v.usage(), v.effective()), "paid", PAID, "notice", notice);
    }

    @Post(value = "/checkout", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> checkout(HttpRequest<?> request, @PathVariable String org, @Nullable @Body Map<String, String> body) {
        var caller = pages.require(request);
        Map<String, String> form = body == null ? Map.of() : body;
        pages.requireSameSite(request, form.get("_token"));
        String back = publicUrl.get() + "/orgs/" + org + "/billing";
        String url = manage.checkout(caller, org, form.getOrDefault("plan", ""), Optional.of(back + "?checkout=success"),
                Optional.of(back + "?checkout=cancel"));
        return Pages.seeOther(url);
    }

    @Post(value = "/portal", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> portal(HttpRequest<?> request, @PathVariable String org, @Nullable @Body Map<String, String> body) {
        var caller = pages.require(request);
        pages.requireSameSite(request, body == null ? null : body.get("_token"));
        return Pages.seeOther(manage.portal(caller, org, Optional.of(publicUrl.get() + "/orgs/" + org + "/billing")));
    }


    @Error(exception = Rejection.class)
    MutableHttpResponse<?> refused(HttpRequest<?> request, Rejection e) {
        String message = Pages.message(e);
        // Back to the billing page (the path's first three segments: /orgs/{org}/billing).
        String[] parts = request.getPath().split("/");
        String back = parts.length >= 4 ? "/" + parts[1] + "/" + parts[2] + "/" + parts[3] : "/";
        return pages.refused(request, e, null, message, back);
    }
}
