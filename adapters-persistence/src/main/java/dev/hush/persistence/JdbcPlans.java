package dev.hush.persistence;

import dev.hush.application.port.BillingAccounts;
import dev.hush.application.port.Plans;
import dev.hush.application.port.UsageCounts;
import dev.hush.domain.plan.Limit;
import dev.hush.domain.plan.Plan;
import dev.hush.domain.plan.PlanLimits;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcPlans implements Plans, UsageCounts, BillingAccounts {
    private final Jdbc jdbc;

    JdbcPlans(Jdbc jdbc) { this.jdbc = jdbc; }

    @Override
    public Optional<OrgPlan> orgPlan(UUID orgId) {
        return jdbc.one("SELECT id, slug, name, plan, billing_status, limit_overrides, created_at FROM organizations WHERE id = ?", JdbcPlans::map, orgId);
    }

    @Override
    public List<OrgPlan> allOrgPlans() {
        return jdbc.query("SELECT id, slug, name, plan, billing_status, limit_overrides, created_at FROM organizations ORDER BY slug", JdbcPlans::map);
    }

    @Override
    public void setPlan(UUID orgId, Plan plan, String status) {
        jdbc.update("UPDATE organizations SET plan = ?, billing_status = ? WHERE id = ?", plan.wire(), status, orgId);
    }

    @Override
    public void setOverrides(UUID orgId, PlanLimits overrides) {
        jdbc.update("UPDATE organizations SET limit_overrides = ? WHERE id = ?", encode(overrides), orgId);
    }

    @Override
    public Optional<PlanLimits> planConfig(Plan plan) {
        return jdbc.one("SELECT limits FROM plan_configs WHERE plan_name = ?", rs -> decode(rs.getString(1)), plan.wire());
    }

    @Override
    public void savePlanConfig(Plan plan, PlanLimits limits, Instant now) {
        if (jdbc.update("UPDATE plan_configs SET limits = ?, updated_at = ? WHERE plan_name = ?", encode(limits), now, plan.wire()) == 0) {
            jdbc.update("INSERT INTO plan_configs (plan_name, limits, updated_at) VALUES (?, ?, ?)", plan.wire(), encode(limits), now);
        }
    }

    @Override
    public Usage usage(UUID orgId, java.time.LocalDate month) {
        return new Usage(projects(orgId),
                count("SELECT COUNT(*) FROM memberships WHERE org_id = ?", orgId),
                count("SELECT COUNT(*) FROM secrets s JOIN projects p ON p.id = s.project_id WHERE p.org_id = ? AND s.deleted_at IS NULL", orgId),
                count("SELECT COUNT(*) FROM webhooks WHERE org_id = ?", orgId),
                apiRequests(orgId, month));
    }

    @Override
    public long apiRequests(UUID orgId, java.time.LocalDate month) {
        return jdbc.one("SELECT requests FROM org_api_requests WHERE org_id = ? AND month_start = ?", rs -> rs.getLong(1), orgId, month).orElse(0L);
    }

    @Override
    public void addApiRequests(UUID orgId, java.time.LocalDate month, long requests) {
        // The month's row exists after the first flush: a plain increment, no organization lock.
        if (jdbc.update("UPDATE org_api_requests SET requests = requests + ? WHERE org_id = ? AND month_start = ?", requests, orgId, month) == 1) {
            return;
        }
        // The first of the month: under the organization's row lock, so two nodes do not both insert it. An
        // organization deleted since the requests were counted has nothing to add them to.
        if (jdbc.one("SELECT id FROM organizations WHERE id = ? FOR UPDATE", rs -> rs.getString(1), orgId).isEmpty()) {
            return;
        }
        if (jdbc.update("UPDATE org_api_requests SET requests = requests + ? WHERE org_id = ? AND month_start = ?", requests, orgId, month) == 0) {
            jdbc.update("INSERT INTO org_api_requests (org_id, month_start, requests) VALUES (?, ?, ?)", orgId, month, requests);
        }
    }

    @Override
    public long projects(UUID orgId) { return count("SELECT COUNT(*) FROM projects WHERE org_id = ?", orgId); }

    @Override
    public long environments(UUID projectId) { return count("SELECT COUNT(*) FROM environments WHERE project_id = ?", projectId); }

    @Override
    public long liveSecrets(UUID projectId) { return count("SELECT COUNT(*) FROM secrets WHERE project_id = ? AND deleted_at IS NULL", projectId); }

    @Override
    public long membersAndInvites(UUID orgId, Instant now) {
        return count("SELECT COUNT(*) FROM memberships WHERE org_id = ?", orgId)
                + jdbc.one("SELECT COUNT(*) FROM invites WHERE org_id = ? AND accepted_at IS NULL AND expires_at > ?", rs -> rs.getLong(1), orgId, now).orElse(0L);
    }

    @Override
    public long activeTokens(UUID orgId, Instant now) {
        return jdbc.one("SELECT COUNT(*) FROM api_tokens WHERE org_id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)",
                rs -> rs.getLong(1), orgId, now).orElse(0L);
    }

    @Override
    public Stats stats() {
        return new Stats(count("SELECT COUNT(*) FROM users", null), count("SELECT COUNT(*) FROM organizations", null),
                count("SELECT COUNT(*) FROM projects", null), count("SELECT COUNT(*) FROM secrets WHERE deleted_at IS NULL", null));
    }

    @Override
    public BillingIds billingIds(UUID orgId) {
        return jdbc.one("SELECT stripe_customer_id, stripe_subscription_id FROM organizations WHERE id = ?",
                rs -> new BillingIds(Optional.ofNullable(rs.getString(1)), Optional.ofNullable(rs.getString(2))), orgId)
                .orElse(new BillingIds(Optional.empty(), Optional.empty()));
    }

    @Override
    public void setBillingIds(UUID orgId, Optional<String> customerId, Optional<String> subscriptionId) {
        customerId.ifPresent(c -> jdbc.update("UPDATE organizations SET stripe_customer_id = ? WHERE id = ?", c, orgId));
        subscriptionId.ifPresent(s -> jdbc.update("UPDATE organizations SET stripe_subscription_id = ? WHERE id = ?", s, orgId));
    }

    @Override
    public Optional<UUID> orgByCustomer(String customerId) {
        return jdbc.one("SELECT id FROM organizations WHERE stripe_customer_id = ?", rs -> Jdbc.uuid(rs, "id"), customerId);
    }

    @Override
    public boolean recordBillingEvent(String id, String type, Instant now) {
        if (jdbc.one("SELECT id FROM billing_events WHERE id = ?", rs -> rs.getString(1), id).isPresent()) {
            return false;
        }
        jdbc.update("INSERT INTO billing_events (id, type, received_at) VALUES (?, ?, ?)", id, type, now);
        return true;
    }

    @Override
    public void lockOrganization(UUID orgId) {
        jdbc.one("SELECT id FROM organizations WHERE id = ? FOR UPDATE", rs -> rs.getString(1), orgId);
    }

    private long count(String sql, UUID arg) {
        return (arg == null ? jdbc.one(sql, rs -> rs.getLong(1)) : jdbc.one(sql, rs -> rs.getLong(1), arg)).orElse(0L);
    }

    private static OrgPlan map(ResultSet rs) throws SQLException {
        return new OrgPlan(Jdbc.uuid(rs, "id"), rs.getString("slug"), rs.getString("name"), Plan.parse("plan", rs.getString("plan")),
                rs.getString("billing_status"), decode(rs.getString("limit_overrides")), Jdbc.instant(rs, "created_at"));
    }

    static String encode(PlanLimits limits) {
        StringBuilder sb = new StringBuilder();
        for (var e : limits.values().entrySet()) {
            sb.append(sb.length() == 0 ? "" : ",").append(e.getKey().wire()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    static PlanLimits decode(String text) {
        Map<Limit, Long> values = new EnumMap<>(Limit.class);
        if (text != null && !text.isBlank()) {
            for (String part : text.split(",")) {
                String[] kv = part.split("=", 2);
                values.put(Limit.parse("limits", kv[0].strip()), Long.parseLong(kv[1].strip()));
            }
        }
        return new PlanLimits(values);
    }
}
