package dev.hush.domain.plan;

import dev.hush.domain.Rejection;
import java.util.Map;

/**
 * The plans and their built-in limits (the last fallback after per-organization overrides and the plan
 * table in the database). A new organization starts on {@code free}.
 */
public enum Plan {
    FREE("free", Map.of(Limit.PROJECTS, 3L, Limit.ENVIRONMENTS_PER_PROJECT, 5L, Limit.SECRETS_PER_PROJECT, 100L, Limit.MEMBERS, 5L,
            Limit.TOKENS, 10L, Limit.WEBHOOKS, 2L, Limit.API_REQUESTS_PER_MONTH, 100_000L)),
    PRO("pro", Map.of(Limit.PROJECTS, 25L, Limit.ENVIRONMENTS_PER_PROJECT, 10L, Limit.SECRETS_PER_PROJECT, 1000L, Limit.MEMBERS, 25L,
            Limit.TOKENS, 100L, Limit.WEBHOOKS, 10L, Limit.API_REQUESTS_PER_MONTH, 2_000_000L)),
    TEAM("team", Map.of(Limit.PROJECTS, 100L, Limit.ENVIRONMENTS_PER_PROJECT, 20L, Limit.SECRETS_PER_PROJECT, 5000L, Limit.MEMBERS, 100L,
            Limit.TOKENS, 500L, Limit.WEBHOOKS, 50L, Limit.API_REQUESTS_PER_MONTH, 20_000_000L)),
    ENTERPRISE("enterprise", Map.of());

    private final String wire;
    private final PlanLimits defaults;

    Plan(String wire, Map<Limit, Long> limits) {
        this.wire = wire;
        this.defaults = PlanLimits.unlimited().overriddenBy(new PlanLimits(limits));
    }

    public String wire() { return wire; }

    /** The limits in code, used when the plan table has no row for this plan. */
    public PlanLimits defaults() { return defaults; }

    public static Plan parse(String field, String text) {
        for (Plan p : values()) {
            if (p.wire.equals(text)) {
                return p;
            }
        }
        throw Rejection.invalid(field, "unknown plan '" + text + "' (free, pro, team, enterprise)");
    }
}
