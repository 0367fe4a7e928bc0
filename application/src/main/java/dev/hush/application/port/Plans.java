package dev.hush.application.port;

import dev.hush.domain.plan.Plan;
import dev.hush.domain.plan.PlanLimits;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Organizations' plans and limit overrides, the plan table, and the counts limits are checked against. */
public interface Plans {
    /** An organization's plan, billing status and overrides. */
    record OrgPlan(UUID orgId, String slug, String name, Plan plan, String status, PlanLimits overrides, Instant createdAt) {}

    /** What an organization uses; {@code apiRequests}: requests metered to it this calendar month (UTC). */
    record Usage(long projects, long members, long secrets, long webhooks, long apiRequests) {}

    /** Counts across the instance. */
    record Stats(long users, long organizations, long projects, long secrets) {}

    Optional<OrgPlan> orgPlan(UUID orgId);

    List<OrgPlan> allOrgPlans();

    void setPlan(UUID orgId, Plan plan, String status);

    void setOverrides(UUID orgId, PlanLimits overrides);

    Optional<PlanLimits> planConfig(Plan plan);

    void savePlanConfig(Plan plan, PlanLimits limits, Instant now);

    /** The counts of {@link Usage}, with the API requests recorded for {@code month} (its first day). */
    Usage usage(UUID orgId, java.time.LocalDate month);

    /** API requests recorded for the organization in {@code month} (its first day), by every node. */
    long apiRequests(UUID orgId, java.time.LocalDate month);

    /** Adds {@code requests} to the organization's count for {@code month}; nodes add concurrently. */
    void addApiRequests(UUID orgId, java.time.LocalDate month, long requests);

    long projects(UUID orgId);

    long environments(UUID projectId);

    long liveSecrets(UUID projectId);

    /** Members plus pending (unaccepted, unexpired) invites. */
    long membersAndInvites(UUID orgId, Instant now);

    /** Tokens of the organization that are neither revoked nor expired. */
    long activeTokens(UUID orgId, Instant now);

    Stats stats();

    /** The provider's customer and subscription ids of an organization. */
    record BillingIds(Optional<String> customerId, Optional<String> subscriptionId) {}

    BillingIds billingIds(UUID orgId);

    void setBillingIds(UUID orgId, Optional<String> customerId, Optional<String> subscriptionId);

    Optional<UUID> orgByCustomer(String customerId);

    /** Records a provider event id; false when it was recorded before (a replay). */
    boolean recordBillingEvent(String id, String type, Instant now);

    /** Locks the organization's row until the transaction ends (limit checks count under it). */
    void lockOrganization(UUID orgId);
}
