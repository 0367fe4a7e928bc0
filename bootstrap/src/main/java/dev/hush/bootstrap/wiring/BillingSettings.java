package dev.hush.bootstrap.wiring;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.Arrays;
import java.util.List;

/** Billing: {@code hush.billing.provider} and, with {@code stripe}, {@code hush.stripe.*}. */
public final class BillingSettings {
    private BillingSettings() {}

    /** @param provider {@code HUSH_BILLING_PROVIDER}: {@code none} (self-hosted, nothing limited) or {@code stripe} */
    @Context
    @ConfigurationProperties("hush.billing")
    public record Provider(@Bindable(defaultValue = "none") String provider) {
        public Provider {
            InvalidSetting.require("none".equals(provider) || "stripe".equals(provider),
                    "HUSH_BILLING_PROVIDER must be none or stripe, not '" + provider + "'");
        }

        public boolean enforced() { return "stripe".equals(provider); }
    }

    /**
     * With {@code HUSH_BILLING_PROVIDER=stripe} (the price ids, {@code HUSH_STRIPE_PRICE_<PLAN>}, are read per plan).
     *
     * @param apiKey        {@code HUSH_STRIPE_API_KEY}
     * @param webhookSecret {@code HUSH_STRIPE_WEBHOOK_SECRET}: comma-separated, so a rotated secret keeps working
     * @param apiBase       {@code HUSH_STRIPE_API_BASE}: another API address (a stand-in)
     */
    @Context
    @ConfigurationProperties("hush.stripe")
    public record Stripe(@Nullable String apiKey, @Nullable String webhookSecret, @Nullable String apiBase) {
        @Override
        public String toString() { return "Stripe[apiBase=" + apiBase + "]"; }

        public List<String> webhookSecrets() {
            return webhookSecret == null ? List.of()
                    : Arrays.stream(webhookSecret.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
        }
    }
}
