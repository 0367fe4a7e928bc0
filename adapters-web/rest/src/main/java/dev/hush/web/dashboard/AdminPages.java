package dev.hush.web.dashboard;

import dev.hush.application.auth.Caller;
import dev.hush.application.keys.RotateRootKey;
import dev.hush.application.metrics.MetricsSummary;
import dev.hush.application.plan.AdminConsole;
import dev.hush.application.port.RootKeys;
import dev.hush.domain.Rejection;
import dev.hush.domain.plan.Plan;
import dev.hush.domain.plan.PlanLimits;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's pages (platform admins only, 403 for everyone else, as {@code /v1/admin}): instance statistics,
 * organizations with their usage, plan and limit overrides (editable), the plan table (editable), the request
 * metrics summary, the root key's status and its rotation after a typed confirmation. Every change through the
 * same use cases as the admin API, so each is audited on the platform chain and effective at once.
 */
@Controller("/admin")
@Hidden
@ExecuteOn("blocking")
final class AdminPages {
    /** What the rotation's confirmation field must hold. */
    static final String ROTATE = "rotate";

    private final Pages pages;
    private final AdminConsole console;
    private final MetricsSummary metrics;
    private final RotateRootKey rotateRootKey;
    private final RootKeys rootKeys;

    AdminPages(Pages pages, AdminConsole console, MetricsSummary metrics, RotateRootKey rotateRootKey, RootKeys rootKeys) {
        this.pages = pages;
        this.console = console;
        this.metrics = metrics;
        this.rotateRootKey = rotateRootKey;
        this.rootKeys = rootKeys;
    }

    @Get
    MutableHttpResponse<?> overview(HttpRequest<?> request, @Nullable @QueryValue Integer hours) {
        var caller = pages.require(request);
        var stats = console.stats(caller);
        var summary = metrics.summary(caller, hours);
        List<PlanViews.MetricRow> groups = new java.util.ArrayList<>(summary.groups().stream().map(AdminPages::metric).toList());
        groups.add(metric(summary.total()));
        var plans = console.plans(caller).stream().map(p -> new PlanViews.PlanRow(p.plan().wire(), PlanViews.summary(p.limits()),
                p.fromTable() ? "plan table" : "built in")).toList();
        var orgs = console.orgs(caller).stream().map(PlanViews::row).toList();
        return Pages.render(HttpStatus.OK, "admin", "page", pages.page(request, caller, "Admin", null),
                "stats", List.of(PlanViews.count(stats.users()), PlanViews.count(stats.organizations()), PlanViews.count(stats.projects()),
                        PlanViews.count(stats.secrets())),
                "hours", summary.hours(), "metrics", groups, "plans", plans, "orgs", orgs, "rootKey", rootKeyStatus());
    }

    @Get("/plans/{plan}")
    MutableHttpResponse<?> plan(HttpRequest<?> request, @PathVariable String plan) {
        var caller = pages.require(request);
        var view = console.plans(caller).stream().filter(p -> p.plan().wire().equals(plan)).findFirst()
                .orElseThrow(() -> Rejection.notFound("plan"));
        // The plan table's own values: a field left empty falls back to the limit built into the code.
        PlanLimits set = view.fromTable() ? view.limits() : PlanLimits.none();
        return Pages.render(HttpStatus.OK, "admin-plan", "page", pages.page(request, caller, "Plan " + plan, null), "plan", plan,
                "builtIn", PlanViews.summary(view.plan().defaults()), "fields", PlanViews.fields("plan", set, "the built-in limit"));
    }

    @Post(value = "/plans/{plan}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> updatePlan(HttpRequest<?> request, @PathVariable String plan, @Nullable @Body Map<String, String> body) {
        var caller = pages.require(request);
        Map<String, String> form = body == null ? Map.of() : body;
        pages.requireSameSite(request, form.get("_token"));
        AdminConsole.requirePlatformAdmin(caller);
        console.updatePlan(caller, plan, PlanViews.parse(form));
        return Pages.seeOther("/admin#plans");
    }

    @Get("/orgs/{orgId}")
    MutableHttpResponse<?> org(HttpRequest<?> request, @PathVariable String orgId) {
        var caller = pages.require(request);
        var v = console.org(caller, orgId);
        return Pages.render(HttpStatus.OK, "admin-org", "page", pages.page(request, caller, "Organization " + v.org().slug(), null),
                "org", PlanViews.row(v), "plans", Arrays.stream(Plan.values()).map(Plan::wire).toList(),
                "usage", PlanViews.usage(v.usage(), v.effective()),
                "fields", PlanViews.fields("override", v.org().overrides(), "the plan's limit"));
    }

    @Post(value = "/orgs/{orgId}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> updateOrg(HttpRequest<?> request, @PathVariable String orgId, @Nullable @Body Map<String, String> body) {
        var caller = pages.require(request);
        Map<String, String> form = body == null ? Map.of() : body;
        pages.requireSameSite(request, form.get("_token"));
        AdminConsole.requirePlatformAdmin(caller);
        String plan = form.getOrDefault("plan", "").strip();
        console.update(caller, orgId, plan.isEmpty() ? Optional.empty() : Optional.of(plan), Optional.of(PlanViews.parse(form)));
        return Pages.seeOther("/admin/orgs/" + orgId);
    }

    @Post(value = "/rotate-root-key", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> rotate(HttpRequest<?> request, @Nullable @Body Map<String, String> body) {
        var caller = pages.require(request);
        Map<String, String> form = body == null ? Map.of() : body;
        pages.requireSameSite(request, form.get("_token"));
        AdminConsole.requirePlatformAdmin(caller);
        if (!ROTATE.equals(form.getOrDefault("confirm", "").strip().toLowerCase(Locale.ROOT))) {
            throw Rejection.invalid("confirm", "Type " + ROTATE + " to confirm the rotation of the root key.");
        }
        var r = rotateRootKey.rotate(caller, rootKeys);
        return Pages.render(HttpStatus.OK, "admin-rotated", "page", pages.page(request, caller, "Root key rotated", null),
                "result", r);
    }

    private PlanViews.RootKeyStatus rootKeyStatus() {
        String keyId = rootKeys.keyId();
        int colon = keyId.indexOf(':');
        String provider = colon > 0 ? keyId.substring(0, colon) : keyId;
        try {
            rootKeys.probe();
            return new PlanViews.RootKeyStatus(provider, keyId, true, null);
        } catch (RuntimeException e) {
            return new PlanViews.RootKeyStatus(provider, keyId, false, e instanceof Rejection r ? r.code() : "root_key_unavailable");
        }
    }

    private static PlanViews.MetricRow metric(MetricsSummary.Group g) {
        return new PlanViews.MetricRow(g.group(), PlanViews.count(g.requests()), PlanViews.count(g.clientErrors()),
                PlanViews.count(g.serverErrors()), String.format(Locale.ROOT, "%.2f %%", g.errorRate() * 100), ms(g.p50Ms()), ms(g.p95Ms()),
                ms(g.p99Ms()));
    }

    private static String ms(long v) { return v < 0 ? "none" : "≤ " + v + " ms"; }


    @Error(exception = Rejection.class)
    MutableHttpResponse<?> refused(HttpRequest<?> request, Rejection e) {
        boolean admin = pages.caller(request).map(Caller::user).map(u -> u.platformAdmin()).orElse(false);
        return pages.refused(request, e, null, Pages.message(e), admin ? "/admin" : "/");
    }
}
