package dev.hush.web.dashboard;

import dev.hush.application.plan.AdminConsole;
import dev.hush.application.port.UsageCounts;
import dev.hush.domain.Rejection;
import dev.hush.domain.plan.Limit;
import dev.hush.domain.plan.PlanLimits;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the billing and admin pages show, as text ready for their templates: counts, limits ("unlimited" for
 * {@code -1}), and the limit fields of the forms that edit a plan or an organization's overrides.
 */
public final class PlanViews {
    private PlanViews() {}

    /** One thing an organization uses, against its limit. */
    public record Usage(String what, String used, String limit) {}

    /** A limit's field in a form: its name (the API's name of the limit), label, help and current value ("" when not set). */
    public record LimitField(String name, String id, String label, String help, String value) {}

    /** An organization in the admin's list. */
    public record OrgRow(String id, String slug, String name, String plan, String status, String usage, String overrides) {}

    /** A plan in the admin's plan table. */
    public record PlanRow(String plan, String limits, String source) {}

    /** A route group's requests in the metrics summary. */
    public record MetricRow(String group, String requests, String clientErrors, String serverErrors, String errorRate, String p50,
                            String p95, String p99) {}

    /** The root key's provider, id, and whether the KMS answers now (else the problem's code). */
    public record RootKeyStatus(String provider, String keyId, boolean up, String problem) {}

    static String count(long n) { return String.format(java.util.Locale.ROOT, "%,d", n); }

    static String limit(long n) { return n == PlanLimits.UNLIMITED ? "unlimited" : count(n); }

    static String label(Limit l) {
        return switch (l) {
            case PROJECTS -> "Projects";
            case ENVIRONMENTS_PER_PROJECT -> "Environments per project";
            case SECRETS_PER_PROJECT -> "Secrets per project";
            case MEMBERS -> "Members";
            case TOKENS -> "API tokens";
            case WEBHOOKS -> "Webhooks";
            case API_REQUESTS_PER_MONTH -> "API requests a month";
        };
    }

    /** What the organization uses against each limit that counts it. */
    static List<Usage> usage(UsageCounts.Usage u, PlanLimits effective) {
        return List.of(new Usage("Projects", count(u.projects()), limit(effective.get(Limit.PROJECTS))),
                new Usage("Members (with pending invites)", count(u.members()), limit(effective.get(Limit.MEMBERS))),
                new Usage("Secrets (in all projects)", count(u.secrets()), limit(effective.get(Limit.SECRETS_PER_PROJECT)) + " per project"),
                new Usage("Webhooks", count(u.webhooks()), limit(effective.get(Limit.WEBHOOKS))),
                new Usage("API requests this month", count(u.apiRequests()), limit(effective.get(Limit.API_REQUESTS_PER_MONTH))),
                new Usage("Environments per project", "", limit(effective.get(Limit.ENVIRONMENTS_PER_PROJECT))),
                new Usage("API tokens", "", limit(effective.get(Limit.TOKENS))));
    }

    static String summary(PlanLimits limits) {
        List<String> parts = new ArrayList<>();
        for (var e : limits.values().entrySet()) {
            parts.add(label(e.getKey()) + " " + limit(e.getValue()));
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    static OrgRow row(AdminConsole.OrgView v) {
        var o = v.org();
        var u = v.usage();
        String usage = count(u.projects()) + " projects, " + count(u.members()) + " members, " + count(u.secrets()) + " secrets, "
                + count(u.webhooks()) + " webhooks, " + count(u.apiRequests()) + " API requests this month";
        return new OrgRow(o.orgId().toString(), o.slug(), o.name(), o.plan().wire(), o.status(), usage, summary(o.overrides()));
    }

    /** The fields of a form editing limits, each with the value set now ("" when not set: the fallback applies). */
    static List<LimitField> fields(String idPrefix, PlanLimits set, String blankMeans) {
        List<LimitField> out = new ArrayList<>();
        for (Limit l : Limit.values()) {
            Long v = set.values().get(l);
            out.add(new LimitField(l.wire(), idPrefix + "-" + l.wire(), label(l), "-1: unlimited; empty: " + blankMeans + ".",
                    v == null ? "" : Long.toString(v)));
        }
        return out;
    }

    /** The limits a form sets: a whole number of -1 or more per filled-in field; empty fields are not set. */
    static PlanLimits parse(Map<String, String> form) {
        Map<Limit, Long> values = new EnumMap<>(Limit.class);
        for (Limit l : Limit.values()) {
            String raw = form.getOrDefault(l.wire(), "").strip().replace(",", "").replace("_", "");
            if (raw.isEmpty()) {
                continue;
            }
            try {
                values.put(l, Long.parseLong(raw));
            } catch (NumberFormatException e) {
                throw Rejection.invalid(l.wire(), label(l) + ": must be -1 (unlimited) or a count of 0 or more");
            }
        }
        try {
            return new PlanLimits(values);
        } catch (Rejection e) {
            String field = e.errors().isEmpty() ? "" : e.errors().get(0).field();
            Limit l = Limit.parse("limit", field);
            throw Rejection.invalid(field, label(l) + ": must be -1 (unlimited) or a count of 0 or more");
        }
    }
}
