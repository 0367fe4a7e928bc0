package dev.hush.web.admin;

import dev.hush.application.auth.Caller;
import dev.hush.application.metrics.MetricsSummary;
import dev.hush.application.plan.AdminConsole;
import dev.hush.application.port.Plans;
import dev.hush.application.port.UsageCounts;
import dev.hush.domain.plan.PlanLimits;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code /v1/admin}: instance statistics, organizations with usage, plans and limits (platform admin; 403 for everyone else). */
@Controller("/v1/admin")
@ExecuteOn("blocking")
@Tag(name = "admin")
final class AdminController {
    private final AdminConsole console;
    private final MetricsSummary metrics;

    AdminController(AdminConsole console, MetricsSummary metrics) {
        this.console = console;
        this.metrics = metrics;
    }

    @Serdeable
    record GroupMetrics(String group, long requests, long clientErrors, long serverErrors, double errorRate, long p50Ms, long p95Ms, long p99Ms) {
        static GroupMetrics of(MetricsSummary.Group g) {
            return new GroupMetrics(g.group(), g.requests(), g.clientErrors(), g.serverErrors(), g.errorRate(), g.p50Ms(), g.p95Ms(), g.p99Ms());
        }
    }

    @Serdeable
    record MetricsView(int hours, Instant from, Instant to, List<GroupMetrics> groups, GroupMetrics total) {}

    @Get("/metrics/summary")
    @Operation(summary = "Request counts, error rates (5xx) and latency percentiles (upper bucket bounds, ms) per route group over the last N hours (1..168, default 24), all nodes (platform admin)")
    MetricsView metricsSummary(Caller caller, @io.micronaut.core.annotation.Nullable @io.micronaut.http.annotation.QueryValue Integer hours) {
        var s = metrics.summary(caller, hours);
        return new MetricsView(s.hours(), s.from(), s.to(), s.groups().stream().map(GroupMetrics::of).toList(), GroupMetrics.of(s.total()));
    }

    @Serdeable
    record Stats(long users, long orgs, long projects, long secrets) {}

    @Serdeable
    record Usage(long projects, long members, long secrets, long webhooks, long apiRequests) {}

    @Serdeable
    record OrgView(UUID id, String slug, String name, String plan, String status, Instant createdAt, Usage usage,
                   Map<String, Long> limitOverrides, Map<String, Long> effectiveLimits) {
        static OrgView of(AdminConsole.OrgView v) {
            Plans.OrgPlan o = v.org();
            UsageCounts.Usage u = v.usage();
            return new OrgView(o.orgId(), o.slug(), o.name(), o.plan().wire(), o.status(), o.createdAt(),
                    new Usage(u.projects(), u.members(), u.secrets(), u.webhooks(), u.apiRequests()), o.overrides().wire(), v.effective().wire());
        }
    }

    @Serdeable
    record OrgList(List<OrgView> orgs) {}

    @Serdeable
    record OrgPatch(@Nullable String plan, @Nullable Map<String, Long> limitOverrides) {}

    @Serdeable
    record PlanView(String name, Map<String, Long> limits, String source) {
        static PlanView of(AdminConsole.PlanView p) {
            return new PlanView(p.plan().wire(), p.limits().wire(), p.fromTable() ? "plan_configs" : "constants");
        }
    }

    @Serdeable
    record PlanList(List<PlanView> plans) {}

    @Serdeable
    record PlanUpdate(Map<String, Long> limits) {}

    @Get("/stats")
    @Operation(summary = "Instance statistics: users, organizations, projects, secrets (platform admin)")
    Stats stats(Caller caller) {
        var s = console.stats(caller);
        return new Stats(s.users(), s.organizations(), s.projects(), s.secrets());
    }

    @Get("/orgs")
    @Operation(summary = "Every organization with its plan, usage and effective limits (platform admin)")
    OrgList orgs(Caller caller) {
        return new OrgList(console.orgs(caller).stream().map(OrgView::of).toList());
    }

    @Get("/orgs/{orgId}")
    @Operation(summary = "One organization with its plan, limit overrides and effective limits (platform admin)")
    OrgView org(Caller caller, @PathVariable String orgId) {
        return OrgView.of(console.org(caller, orgId));
    }

    @Patch("/orgs/{orgId}")
    @Operation(summary = "Set an organization's plan and/or limit overrides ({} clears them; -1 is unlimited); effective at once (platform admin)")
    OrgView update(Caller caller, @PathVariable String orgId, @Body OrgPatch body) {
        return OrgView.of(console.update(caller, orgId, Optional.ofNullable(body.plan()),
                Optional.ofNullable(body.limitOverrides()).map(m -> PlanLimits.fromWire("limitOverrides", m))));
    }

    @Get("/plans")
    @Operation(summary = "Every plan with its limits and where they come from (platform admin)")
    PlanList plans(Caller caller) {
        return new PlanList(console.plans(caller).stream().map(PlanView::of).toList());
    }

    @Put("/plans/{planName}")
    @Operation(summary = "Set a plan's default limits in the plan table (platform admin)")
    PlanView updatePlan(Caller caller, @PathVariable String planName, @Body PlanUpdate body) {
        return PlanView.of(console.updatePlan(caller, planName, PlanLimits.fromWire("limits", body.limits())));
    }
}
