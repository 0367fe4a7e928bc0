package dev.hush.application.fakes;

import dev.hush.application.port.BillingAccounts;
import dev.hush.application.port.Plans;
import dev.hush.application.port.UsageCounts;
import dev.hush.domain.plan.Plan;
import dev.hush.domain.plan.PlanLimits;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Plan columns of organizations (a new organization is on {@code free} with status {@code none}, the
 * column defaults), the plan table, monthly request counts and billing ids; the counts come from the other fakes.
 */
public final class InMemoryPlans extends InMemoryStore implements Plans, UsageCounts, BillingAccounts {
    record PlanRow(Plan plan, String status, PlanLimits overrides) {}

    private final Map<UUID, PlanRow> orgPlans = table();
    private final Map<Plan, PlanLimits> planConfigs = table();
    private final Map<String, Long> apiRequests = table();
    private final Map<UUID, BillingIds> billingIds = table();
    private final Map<String, String> billingEvents = table();
    private final List<UUID> locks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final World world;

    InMemoryPlans(FakeTransactions tx, World world) {
        super(tx);
        this.world = world;
    }

    private PlanRow row(UUID orgId) { return orgPlans.getOrDefault(orgId, new PlanRow(Plan.FREE, "none", PlanLimits.none())); }

    private Optional<OrgPlan> view(UUID orgId) {
        return world.organizations.byId(orgId).map(o -> {
            PlanRow r = row(orgId);
            return new OrgPlan(o.id(), o.slug().value(), o.name(), r.plan(), r.status(), r.overrides(), o.createdAt());
        });
    }

    @Override
    public Optional<OrgPlan> orgPlan(UUID orgId) {
        reading();
        return view(orgId);
    }

    @Override
    public List<OrgPlan> allOrgPlans() {
        reading();
        return world.organizations.all().stream().map(o -> view(o.id()).orElseThrow()).sorted(Comparator.comparing(OrgPlan::slug)).toList();
    }

    @Override
    public void setPlan(UUID orgId, Plan plan, String status) {
        writing();
        PlanRow r = row(orgId);
        orgPlans.put(orgId, new PlanRow(plan, status, r.overrides()));
    }

    @Override
    public void setOverrides(UUID orgId, PlanLimits overrides) {
        writing();
        PlanRow r = row(orgId);
        orgPlans.put(orgId, new PlanRow(r.plan(), r.status(), overrides));
    }

    @Override
    public Optional<PlanLimits> planConfig(Plan plan) {
        reading();
        return Optional.ofNullable(planConfigs.get(plan));
    }

    @Override
    public void savePlanConfig(Plan plan, PlanLimits limits, Instant now) {
        writing();
        planConfigs.put(plan, limits);
    }

    @Override
    public Usage usage(UUID orgId, LocalDate month) {
        reading();
        return new Usage(projects(orgId), world.organizations.members(orgId).size(),
                world.secrets.listLiveInOrganization(orgId).size(), world.webhooks.count(orgId), apiRequests(orgId, month));
    }

    @Override
    public long apiRequests(UUID orgId, LocalDate month) {
        reading();
        return apiRequests.getOrDefault(orgId + "|" + month, 0L);
    }

    @Override
    public void addApiRequests(UUID orgId, LocalDate month, long requests) {
        writing();
        if (world.organizations.byId(orgId).isPresent()) {
            apiRequests.merge(orgId + "|" + month, requests, Long::sum);
        }
    }

    @Override
    public long projects(UUID orgId) {
        reading();
        return world.projects.list(orgId).size();
    }

    @Override
    public long environments(UUID projectId) {
        reading();
        return world.projects.environments(projectId).size();
    }

    @Override
    public long liveSecrets(UUID projectId) {
        reading();
        return world.secrets.all().stream().filter(s -> s.projectId().equals(projectId) && !s.isDeleted()).count();
    }

    @Override
    public long membersAndInvites(UUID orgId, Instant now) {
        reading();
        return world.organizations.members(orgId).size()
                + world.organizations.invites(orgId).stream().filter(i -> i.acceptedAt().isEmpty() && i.expiresAt().isAfter(now)).count();
    }

    @Override
    public long activeTokens(UUID orgId, Instant now) {
        reading();
        return world.credentials.allTokens().stream().filter(t -> t.scope().orgId().map(orgId::equals).orElse(false) && t.activeAt(now)).count();
    }

    @Override
    public Stats stats() {
        reading();
        return new Stats(world.users.count(), world.organizations.count(), world.projects.all().size(),
                world.secrets.all().stream().filter(s -> !s.isDeleted()).count());
    }

    @Override
    public BillingIds billingIds(UUID orgId) {
        reading();
        return billingIds.getOrDefault(orgId, new BillingIds(Optional.empty(), Optional.empty()));
    }

    @Override
    public void setBillingIds(UUID orgId, Optional<String> customerId, Optional<String> subscriptionId) {
        writing();
        billingIds.put(orgId, new BillingIds(customerId, subscriptionId));
    }

    @Override
    public Optional<UUID> orgByCustomer(String customerId) {
        reading();
        return billingIds.entrySet().stream().filter(e -> e.getValue().customerId().equals(Optional.of(customerId))).map(Map.Entry::getKey).findFirst();
    }

    @Override
    public boolean recordBillingEvent(String id, String type, Instant now) {
        writing();
        return billingEvents.putIfAbsent(id, type) == null;
    }

    @Override
    public void lockOrganization(UUID orgId) {
        writing();
        locks.add(orgId);
    }

    /** Test view: the organizations whose row was locked, in order. */
    public List<UUID> locks() { return new ArrayList<>(locks); }
}
