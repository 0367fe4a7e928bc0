package dev.hush.application.plan;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.auth.Client;
import dev.hush.application.port.Billing;
import dev.hush.application.port.BillingAccounts;
import dev.hush.application.port.Plans;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.Rejection;
import dev.hush.domain.plan.Plan;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Checkout and portal sessions (owner/admin), and the provider's webhook: a verified event changes the
 * organization's plan and status once — a replayed event id changes nothing, a badly signed one is refused.
 */
public final class ManageBilling {
    private final Audit audit;
    private final Tenancy tenancy;
    private final Plans plans;
    private final BillingAccounts accounts;
    private final Billing billing;
    private final Transactions tx;
    private final Clock clock;
    private final java.util.function.Supplier<String> publicUrl;
    private final ApiUsage usage;

    public ManageBilling(Tenancy tenancy, Plans plans, BillingAccounts accounts, Billing billing, Transactions tx, Clock clock, java.util.function.Supplier<String> publicUrl,
                         Audit audit, ApiUsage usage) {
        this.usage = usage;
        this.audit = audit;
        this.tenancy = tenancy;
        this.plans = plans;
        this.accounts = accounts;
        this.billing = billing;
        this.tx = tx;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    public String provider() { return billing.provider(); }

    public String checkout(Caller caller, String orgRef, String rawPlan, Optional<String> successUrl, Optional<String> cancelUrl) {
        Plan plan = Plan.parse("plan", rawPlan);
        if (plan == Plan.FREE) {
            throw Rejection.invalid("plan", "choose a paid plan (pro, team, enterprise)");
        }
        Tenancy.InOrg in = admin(caller, orgRef);
        Optional<String> customer = tx.read(() -> accounts.billingIds(in.org().id()).customerId());
        String base = publicUrl.get() + "/billing?org=" + in.org().slug();
        return billing.checkoutUrl(in.org().id(), plan, customer, successUrl.orElse(base + "&checkout=success"), cancelUrl.orElse(base + "&checkout=cancel"));
    }

    public String portal(Caller caller, String orgRef, Optional<String> returnUrl) {
        Tenancy.InOrg in = admin(caller, orgRef);
        String customer = tx.read(() -> accounts.billingIds(in.org().id()).customerId()).orElseThrow(() -> Rejection.conflict("no_subscription",
                "The organization has no billing account yet: start with a checkout."));
        return billing.portalUrl(customer, returnUrl.orElseGet(() -> publicUrl.get() + "/billing?org=" + in.org().slug()));
    }

    /** Applies a verified event once; true when it changed something. */
    public boolean webhook(String payload, String signature) {
        Optional<Billing.Event> parsed = billing.parseWebhook(payload, signature);
        if (parsed.isEmpty()) {
            return false;
        }
        Billing.Event e = parsed.get();
        return tx.write(() -> {
            if (!accounts.recordBillingEvent(e.id(), e.type(), clock.instant())) {
                return Optional.<UUID>empty(); // a replay: already handled
            }
            Optional<UUID> org = e.orgId().filter(id -> plans.orgPlan(id).isPresent()).or(() -> e.customerId().flatMap(accounts::orgByCustomer));
            if (org.isEmpty()) {
                return Optional.<UUID>empty();
            }
            UUID id = org.get();
            Plans.OrgPlan current = plans.orgPlan(id).orElseThrow();
            Optional<String> currentSubscription = accounts.billingIds(id).subscriptionId();
            boolean another = currentSubscription.isPresent() && e.subscriptionId().isPresent() && !currentSubscription.equals(e.subscriptionId());
            // A new subscription (a checkout, a created one, or any once the current one has lapsed) replaces the
            // current one; anything else about another subscription — an old one being updated, failing or
            // ending after the organization moved on — changes nothing.
            boolean replaces = e.type().equals("checkout.session.completed") || e.type().equals("customer.subscription.created")
                    || PlanPolicy.LAPSED.contains(current.status());
            if (another && !replaces) {
                return Optional.<UUID>empty();
            }
            accounts.setBillingIds(id, e.customerId(), e.subscriptionId());
            Plan plan = e.plan().orElse(current.plan());
            String status = e.status().orElse(current.status());
            if (plan != current.plan() || !status.equals(current.status())) {
                plans.setPlan(id, plan, status);
            }
            audit.recordWithin(id, Optional.empty(), Client.UNKNOWN, "billing." + e.type(), "org/" + current.slug(),
                    "plan " + plan.wire() + ", status " + status + " (event " + e.id() + ")");
            return Optional.of(id);
        }).map(changed -> {
            usage.forget(changed); // the monthly request limit follows the new plan at once on this node
            return true;
        }).orElse(false);
    }

    private Tenancy.InOrg admin(Caller caller, String orgRef) {
        return tx.read(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            in.access().requireOrgWideAdmin("manage billing");
            return in;
        });
    }
}
