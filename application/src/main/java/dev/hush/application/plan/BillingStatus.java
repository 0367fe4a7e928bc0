package dev.hush.application.plan;

import dev.hush.application.auth.Caller;
import dev.hush.application.port.Plans;
import dev.hush.application.port.Transactions;
import dev.hush.application.tenant.Tenancy;
import dev.hush.domain.Rejection;

/** {@code GET /v1/billing/{orgId}}: the organization's plan, billing status, usage and effective limits (owner/admin). */
public final class BillingStatus {
    private final Tenancy tenancy;
    private final Plans plans;
    private final PlanPolicy policy;
    private final Transactions tx;
    private final ApiUsage usage;

    public BillingStatus(Tenancy tenancy, Plans plans, PlanPolicy policy, Transactions tx, ApiUsage usage) {
        this.usage = usage;
        this.tenancy = tenancy;
        this.plans = plans;
        this.policy = policy;
        this.tx = tx;
    }

    public AdminConsole.OrgView get(Caller caller, String orgRef) {
        return tx.read(() -> {
            Tenancy.InOrg in = tenancy.org(caller, orgRef);
            // Org-wide like checkout: a token narrowed to projects, environments or reading does not see billing.
            in.access().requireOrgWideAdmin("see the organization's billing");
            Plans.OrgPlan o = plans.orgPlan(in.org().id()).orElseThrow(() -> Rejection.notFound("organization"));
            return new AdminConsole.OrgView(o, usage.usage(in.org().id()), policy.effective(o));
        });
    }
}
