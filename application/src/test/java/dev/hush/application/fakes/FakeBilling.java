package dev.hush.application.fakes;

import dev.hush.application.port.Billing;
import dev.hush.domain.Rejection;
import dev.hush.domain.plan.Plan;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A billing provider whose webhook events a test prepares: {@link #event} registers what a payload means;
 * only the signature {@value #SIGNATURE} verifies.
 */
public final class FakeBilling implements Billing {
    public static final String SIGNATURE = "t=1,v1=good";
    private final Map<String, Optional<Event>> events = new ConcurrentHashMap<>();

    @Override
    public String provider() { return "stripe"; }

    @Override
    public String checkoutUrl(UUID orgId, Plan plan, Optional<String> customerId, String successUrl, String cancelUrl) {
        return "https://billing.test/checkout?org=" + orgId + "&plan=" + plan.wire() + "&customer=" + customerId.orElse("") + "&success=" + successUrl
                + "&cancel=" + cancelUrl;
    }

    @Override
    public String portalUrl(String customerId, String returnUrl) {
        return "https://billing.test/portal?customer=" + customerId + "&return=" + returnUrl;
    }

    /** Makes {@code payload} mean {@code event} (empty: an event type Hush ignores). */
    public String event(String payload, Optional<Event> event) {
        events.put(payload, event);
        return payload;
    }

    @Override
    public Optional<Event> parseWebhook(String payload, String signatureHeader) {
        if (!SIGNATURE.equals(signatureHeader) || !events.containsKey(payload)) {
            throw new Rejection(Rejection.Kind.INVALID, "invalid_signature", "The webhook signature does not verify.");
        }
        return events.get(payload);
    }
}
