package dev.hush.application.port;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Organizations' customer and subscription ids at the billing provider, and the provider events already handled. */
public interface BillingAccounts {
    /** The provider's customer and subscription ids of an organization. */
    record BillingIds(Optional<String> customerId, Optional<String> subscriptionId) {}

    BillingIds billingIds(UUID orgId);

    void setBillingIds(UUID orgId, Optional<String> customerId, Optional<String> subscriptionId);

    Optional<UUID> orgByCustomer(String customerId);

    /** Records a provider event id; false when it was recorded before (a replay). */
    boolean recordBillingEvent(String id, String type, Instant now);
}
