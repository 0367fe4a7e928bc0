package dev.hush.application.port;

import dev.hush.domain.plan.Plan;
import java.util.Optional;
import java.util.UUID;

/** The billing provider: {@code none} (self-hosted) or Stripe. Provider types never cross this port. */
public interface Billing {
    /** {@code none} or {@code stripe}. */
    String provider();

    /** A hosted checkout page for the plan's subscription. */
    String checkoutUrl(UUID orgId, Plan plan, Optional<String> customerId, String successUrl, String cancelUrl);

    /** The customer portal (change plan, payment method, invoices). */
    String portalUrl(String customerId, String returnUrl);

    /** What a verified provider event means for an organization. */
    record Event(String id, String type, Optional<UUID> orgId, Optional<String> customerId, Optional<String> subscriptionId,
                 Optional<Plan> plan, Optional<String> status) {}

    /**
     * Verifies the signature over the raw body (rejection 400 otherwise) and reads the event; empty for an
     * event type Hush does not act on.
     */
    Optional<Event> parseWebhook(String payload, String signatureHeader);
}
