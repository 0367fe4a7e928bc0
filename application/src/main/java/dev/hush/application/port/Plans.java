package dev.hush.application.port;

import dev.hush.domain.plan.Plan;
import dev.hush.domain.plan.PlanLimits;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Organizations' plans and limit overrides, and the plan table. What they use is {@link UsageCounts}; their
 * accounts with the billing provider, {@link BillingAccounts}.
 */
public interface Plans {
    /** An organization's plan, billing status and overrides. */
    record OrgPlan(UUID orgId, String slug, String name, Plan plan, String status, PlanLimits overrides, Instant createdAt) {}

    /** Counts across the instance. */
    record Stats(long users, long organizations, long projects, long secrets) {}

    Optional<OrgPlan> orgPlan(UUID orgId);

    List<OrgPlan> allOrgPlans();

    void setPlan(UUID orgId, Plan plan, String status);

    void setOverrides(UUID orgId, PlanLimits overrides);

    Optional<PlanLimits> planConfig(Plan plan);

    void savePlanConfig(Plan plan, PlanLimits limits, Instant now);

    Stats stats();
}
