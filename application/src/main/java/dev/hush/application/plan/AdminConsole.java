package dev.hush.application.plan;

import dev.hush.application.audit.Audit;
import dev.hush.application.auth.Caller;
import dev.hush.application.port.Plans;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.UsageCounts;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.Permission;
import dev.hush.domain.audit.AuditEvent;
import dev.hush.domain.plan.Plan;
import dev.hush.domain.plan.PlanLimits;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The operator's view (platform admins, with a session or an unrestricted token; 403 for everyone else):
 * instance counts, organizations with usage, plans and limits, and changes to them — each change audited
 * on the platform chain and effective at once.
 */
public final class AdminConsole {
    private final Audit audit;
    private final Plans plans;
    private final PlanPolicy policy;
    private final Transactions tx;
    private final Clock clock;
    private final ApiUsage usage;

    public AdminConsole(Plans plans, PlanPolicy policy, Transactions tx, Clock clock, Audit audit, ApiUsage usage) {
        this.usage = usage;
        this.audit = audit;
        this.plans = plans;
        this.policy = policy;
        this.tx = tx;
        this.clock = clock;
    }

    public record OrgView(Plans.OrgPlan org, UsageCounts.Usage usage, PlanLimits effective) {}

    /** A plan with its limits, and whether they come from the plan table or the constants in code. */
    public record PlanView(Plan plan, PlanLimits limits, boolean fromTable) {}

    public static void requirePlatformAdmin(Caller caller) {
        if (!caller.user().platformAdmin() || !caller.scope().allows(Permission.WRITE) || caller.scope().orgId().isPresent()
                || !caller.scope().projects().isEmpty() || !caller.scope().environments().isEmpty()) {
            throw Rejection.forbidden("Only a platform admin may use the admin API.");
        }
    }

    public Plans.Stats stats(Caller caller) {
        requirePlatformAdmin(caller);
        return tx.read(plans::stats);
    }

    public List<OrgView> orgs(Caller caller) {
        requirePlatformAdmin(caller);
        return tx.read(() -> {
            List<OrgView> out = new ArrayList<>();
            for (Plans.OrgPlan o : plans.allOrgPlans()) {
                out.add(new OrgView(o, usage.usage(o.orgId()), policy.effective(o)));
            }
            return out;
        });
    }

    public OrgView org(Caller caller, String orgId) {
        requirePlatformAdmin(caller);
        return tx.read(() -> view(parse(orgId)));
    }

    /** Sets the plan and/or replaces the limit overrides (an empty map clears them). */
    public OrgView update(Caller caller, String orgId, Optional<String> plan, Optional<PlanLimits> overrides) {
        requirePlatformAdmin(caller);
        Optional<Plan> newPlan = plan.map(p -> Plan.parse("plan", p));
        OrgView updated = tx.write(() -> {
            UUID id = parse(orgId);
            Plans.OrgPlan current = plans.orgPlan(id).orElseThrow(() -> Rejection.notFound("organization"));
            newPlan.ifPresent(p -> plans.setPlan(id, p, current.status()));
            overrides.ifPresent(o -> plans.setOverrides(id, o));
            audit.record(AuditEvent.PLATFORM, caller, "admin.org.updated", "org/" + current.slug(),
                    newPlan.map(p -> "plan " + p.wire()).orElse("") + overrides.map(o -> " overrides " + o.wire()).orElse(""));
            return view(id);
        });
        usage.forget(updated.org().orgId()); // the monthly request limit changes at once on this node too
        return updated;
    }

    public List<PlanView> plans(Caller caller) {
        requirePlatformAdmin(caller);
        return tx.read(() -> {
            List<PlanView> out = new ArrayList<>();
            for (Plan p : Plan.values()) {
                Optional<PlanLimits> table = plans.planConfig(p);
                out.add(new PlanView(p, p.defaults().overriddenBy(table.orElse(PlanLimits.none())), table.isPresent()));
            }
            return out;
        });
    }

    /** Replaces a plan's limits in the plan table; limits not given fall back to the constants in code. */
    public PlanView updatePlan(Caller caller, String planName, PlanLimits limits) {
        requirePlatformAdmin(caller);
        Plan plan = Plan.parse("planName", planName);
        PlanView saved = tx.write(() -> {
            plans.savePlanConfig(plan, limits, clock.instant());
            audit.record(AuditEvent.PLATFORM, caller, "admin.plan.updated", "plan/" + plan.wire(), limits.wire().toString());
            return new PlanView(plan, plan.defaults().overriddenBy(limits), true);
        });
        usage.forgetAll();
        return saved;
    }

    private OrgView view(UUID id) {
        Plans.OrgPlan o = plans.orgPlan(id).orElseThrow(() -> Rejection.notFound("organization"));
        return new OrgView(o, usage.usage(id), policy.effective(o));
    }

    private static UUID parse(String orgId) {
        try {
            return UUID.fromString(orgId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Rejection.notFound("organization");
        }
    }
}
