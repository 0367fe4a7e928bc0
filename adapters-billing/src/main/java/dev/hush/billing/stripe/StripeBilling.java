package dev.hush.billing.stripe;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.StripeClient;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.net.Webhook;
import com.stripe.param.checkout.SessionCreateParams;
import dev.hush.application.port.Billing;
import dev.hush.domain.Rejection;
import dev.hush.domain.plan.Plan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Stripe through stripe-java: a subscription Checkout session per plan (its price id from configuration,
 * the organization in {@code client_reference_id} and the subscription's metadata), Customer Portal
 * sessions, and webhooks verified over the raw body with {@link Webhook#constructEvent} (300 s tolerance;
 * several secrets are accepted, for rotation).
 */
public final class StripeBilling implements Billing {
    static final long TOLERANCE_SECONDS = 300;

    private final StripeClient stripe;
    private final List<String> webhookSecrets;
    private final Map<Plan, String> prices;

    public StripeBilling(String apiKey, Optional<String> apiBase, List<String> webhookSecrets, Map<Plan, String> prices) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalStateException("HUSH_STRIPE_API_KEY is required with HUSH_BILLING_PROVIDER=stripe");
        }
        if (webhookSecrets.isEmpty()) {
            throw new IllegalStateException("HUSH_STRIPE_WEBHOOK_SECRET is required with HUSH_BILLING_PROVIDER=stripe");
        }
        StripeClient.StripeClientBuilder builder = StripeClient.builder().setApiKey(apiKey);
        apiBase.ifPresent(builder::setApiBase);
        this.stripe = builder.build();
        this.webhookSecrets = List.copyOf(webhookSecrets);
        this.prices = Map.copyOf(prices);
    }

    @Override
    public String provider() { return "stripe"; }

    @Override
    public String checkoutUrl(UUID orgId, Plan plan, Optional<String> customerId, String successUrl, String cancelUrl) {
        String price = prices.get(plan);
        if (price == null) {
            throw Rejection.invalid("plan", "no Stripe price is configured for plan '" + plan.wire() + "'");
        }
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(price).setQuantity(1L).build())
                .setSuccessUrl(successUrl).setCancelUrl(cancelUrl)
                .setClientReferenceId(orgId.toString())
                .putMetadata("org_id", orgId.toString())
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder().putMetadata("org_id", orgId.toString()).build());
        customerId.ifPresent(params::setCustomer);
        try {
            return stripe.v1().checkout().sessions().create(params.build()).getUrl();
        } catch (StripeException e) {
            throw unavailable(e);
        }
    }

    @Override
    public String portalUrl(String customerId, String returnUrl) {
        try {
            return stripe.v1().billingPortal().sessions().create(com.stripe.param.billingportal.SessionCreateParams.builder()
                    .setCustomer(customerId).setReturnUrl(returnUrl).build()).getUrl();
        } catch (StripeException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<Event> parseWebhook(String payload, String signatureHeader) {
        boolean verified = false;
        for (String secret : webhookSecrets) {
            try {
                Webhook.constructEvent(payload, signatureHeader == null ? "" : signatureHeader, secret, TOLERANCE_SECONDS);
                verified = true;
                break;
            } catch (SignatureVerificationException | RuntimeException e) {
                // try the next (rotated) secret
            }
        }
        if (!verified) {
            throw new Rejection(Rejection.Kind.INVALID, "stripe_signature_invalid",
                    "The Stripe-Signature header does not match the body, or is older than five minutes.");
        }
        JsonObject event = JsonParser.parseString(payload).getAsJsonObject();
        String id = string(event, "id").orElseThrow(() -> Rejection.invalid("id", "missing"));
        String type = string(event, "type").orElse("");
        JsonObject object = event.getAsJsonObject("data").getAsJsonObject("object");
        Optional<UUID> org = metadataOrg(object).or(() -> string(object, "client_reference_id").flatMap(StripeBilling::uuid));
        Optional<String> customer = string(object, "customer");
        return switch (type) {
            case "checkout.session.completed" -> Optional.of(new Event(id, type, org, customer, string(object, "subscription"), Optional.empty(),
                    Optional.empty()));
            case "customer.subscription.created", "customer.subscription.updated" -> Optional.of(new Event(id, type, org, customer,
                    string(object, "id"), price(object).flatMap(this::planOf), string(object, "status")));
            case "customer.subscription.deleted" -> Optional.of(new Event(id, type, org, customer, string(object, "id"), Optional.of(Plan.FREE),
                    Optional.of("canceled")));
            case "invoice.payment_failed" -> Optional.of(new Event(id, type, org, customer, string(object, "subscription"), Optional.empty(),
                    Optional.of("past_due")));
            default -> Optional.of(new Event(id, type, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        };
    }

    private Optional<Plan> planOf(String priceId) {
        return prices.entrySet().stream().filter(e -> e.getValue().equals(priceId)).map(Map.Entry::getKey).findFirst();
    }

    private static Optional<String> price(JsonObject subscription) {
        try {
            return Optional.of(subscription.getAsJsonObject("items").getAsJsonArray("data").get(0).getAsJsonObject()
                    .getAsJsonObject("price").get("id").getAsString());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<UUID> metadataOrg(JsonObject object) {
        JsonElement metadata = object.get("metadata");
        return metadata != null && metadata.isJsonObject() ? string(metadata.getAsJsonObject(), "org_id").flatMap(StripeBilling::uuid) : Optional.empty();
    }

    private static Optional<String> string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? Optional.empty() : Optional.of(e.getAsString());
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static final System.Logger LOG = System.getLogger(StripeBilling.class.getName());

    /** Neutral words for the client; the kind of failure goes to the server log only. */
    private static Rejection unavailable(StripeException e) {
        LOG.log(System.Logger.Level.WARNING, "Stripe request failed: {0} (HTTP status {1}, Stripe request {2})",
                e.getClass().getSimpleName(), e.getStatusCode(), e.getRequestId());
        return new Rejection(Rejection.Kind.UNAVAILABLE, "billing_unavailable", "The billing provider could not complete the request; try again shortly.");
    }
}
