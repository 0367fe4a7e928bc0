package dev.hush.application.plan;

import dev.hush.application.port.Plans;
import dev.hush.application.port.UsageCounts;
import dev.hush.domain.Rejection;
import dev.hush.domain.plan.Limit;
import dev.hush.domain.plan.Plan;
import dev.hush.domain.plan.PlanLimits;
import java.util.List;
import java.util.UUID;

/**
 * An organization's effective limits, resolved in priority order: its own overrides, then the plan table
 * in the database (editable at runtime), then the plan's constants in code; {@code -1} is unlimited.
 * Without billing (self-hosted, {@code HUSH_BILLING_PROVIDER=none}) every limit is unlimited unless an
 * admin overrides it. Enforced in the use cases on every create path, inside their transaction.
 */
public final class PlanPolicy {
    private final Plans plans;
    private final UsageCounts counts;
    private final boolean billingEnabled;

    public PlanPolicy(Plans plans, UsageCounts counts, boolean billingEnabled) {
        this.plans = plans;
        this.counts = counts;
        this.billingEnabled = billingEnabled;
    }

    public boolean billingEnabled() { return billingEnabled; }

    /** Subscription states in which a paid plan's limits do not apply (the organization falls back to free). */
    static final java.util.Set<String> LAPSED = java.util.Set.of("incomplete", "incomplete_expired", "unpaid", "canceled", "paused");

    public PlanLimits effective(Plans.OrgPlan org) {
        Plan plan = LAPSED.contains(org.status()) ? Plan.FREE : org.plan();
        PlanLimits base = billingEnabled
                ? plan.defaults().overriddenBy(plans.planConfig(plan).orElse(PlanLimits.none()))
                : PlanLimits.unlimited();
        return base.overriddenBy(org.overrides());
    }

    public PlanLimits effective(UUID orgId) {
        return effective(plans.orgPlan(orgId).orElseThrow(() -> Rejection.notFound("organization")));
    }

    /**
     * Refuses (402 {@code plan_limit_reached}) when {@code count + adding} exceeds the limit. When a limit
     * applies, the organization's row is locked first and then counted, so concurrent creates are counted one
     * after the other; unlimited organizations (self-hosted) take no lock.
     */
    public void requireRoom(UUID orgId, Limit limit, java.util.function.LongSupplier count, long adding) {
        if (adding <= 0) {
            return;
        }
        long max = effective(orgId).get(limit);
        if (max == PlanLimits.UNLIMITED) {
            return;
        }
        counts.lockOrganization(orgId);
        long current = count.getAsLong();
        if (current + adding > max) {
            throw new Rejection(Rejection.Kind.PAYMENT_REQUIRED, "plan_limit_reached", "The organization's plan allows " + max + " "
                    + describe(limit) + " (" + current + " in use): upgrade the plan or ask an admin to raise the limit.",
                    List.of(new Rejection.FieldError(limit.wire(), "limit " + max + " reached")));
        }
    }

    public void requireRoomForProject(UUID orgId) { requireRoom(orgId, Limit.PROJECTS, () -> counts.projects(orgId), 1); }

    public void requireRoomForEnvironment(UUID orgId, UUID projectId) {
        requireRoom(orgId, Limit.ENVIRONMENTS_PER_PROJECT, () -> counts.environments(projectId), 1);
    }

    public void requireRoomForSecrets(UUID orgId, UUID projectId, long newSecrets) {
        requireRoom(orgId, Limit.SECRETS_PER_PROJECT, () -> counts.liveSecrets(projectId), newSecrets);
    }

    public void requireRoomForMember(UUID orgId, java.time.Instant now) {
        requireRoom(orgId, Limit.MEMBERS, () -> counts.membersAndInvites(orgId, now), 1);
    }

    public void requireRoomForToken(UUID orgId, java.time.Instant now) {
        requireRoom(orgId, Limit.TOKENS, () -> counts.activeTokens(orgId, now), 1);
    }

    private static String describe(Limit limit) {
        return switch (limit) {
            case PROJECTS -> "projects";
            case ENVIRONMENTS_PER_PROJECT -> "environments per project";
            case SECRETS_PER_PROJECT -> "secrets per project";
            case MEMBERS -> "members (with pending invites)";
            case TOKENS -> "API tokens";
            case WEBHOOKS -> "webhooks";
            case API_REQUESTS_PER_MONTH -> "API requests a month";
        };
    }
}
