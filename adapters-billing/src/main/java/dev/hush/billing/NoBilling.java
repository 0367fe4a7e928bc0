package dev.hush.billing;

import dev.hush.application.port.Billing;
import dev.hush.domain.Rejection;
import dev.hush.domain.plan.Plan;
import java.util.Optional;
import java.util.UUID;

/** Self-hosted: no billing, no checkout, no portal; every limit is unlimited unless an admin overrides it. */
public final class NoBilling implements Billing {
    @Override
    public String provider() { return "none"; }

    @Override
    public String checkoutUrl(UUID orgId, Plan plan, Optional<String> customerId, String successUrl, String cancelUrl) {
        throw disabled();
    }

    @Override
    public String portalUrl(String customerId, String returnUrl) { throw disabled(); }

    @Override
    public Optional<Event> parseWebhook(String payload, String signatureHeader) {
        throw new Rejection(Rejection.Kind.NOT_FOUND, "billing_not_enabled", "Billing is not enabled on this server.");
    }

    private static Rejection disabled() {
        return new Rejection(Rejection.Kind.CONFLICT, "billing_not_enabled", "Billing is not enabled on this server (HUSH_BILLING_PROVIDER=none).");
    }
}
