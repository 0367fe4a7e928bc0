package dev.hush.application.port;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** What organizations use, counted for their plan limits, and their metered API requests. */
public interface UsageCounts {
    /** What an organization uses; {@code apiRequests}: requests metered to it this calendar month (UTC). */
    record Usage(long projects, long members, long secrets, long webhooks, long apiRequests) {}

    /** The counts of {@link Usage}, with the API requests recorded for {@code month} (its first day). */
    Usage usage(UUID orgId, LocalDate month);

    /** API requests recorded for the organization in {@code month} (its first day), by every node. */
    long apiRequests(UUID orgId, LocalDate month);

    /** Adds {@code requests} to the organization's count for {@code month}; nodes add concurrently. */
    void addApiRequests(UUID orgId, LocalDate month, long requests);

    long projects(UUID orgId);

    long environments(UUID projectId);

    long liveSecrets(UUID projectId);

    /** Members plus pending (unaccepted, unexpired) invites. */
    long membersAndInvites(UUID orgId, Instant now);

    /** Tokens of the organization that are neither revoked nor expired. */
    long activeTokens(UUID orgId, Instant now);

    /** Locks the organization's row until the transaction ends (limit checks count under it). */
    void lockOrganization(UUID orgId);
}
