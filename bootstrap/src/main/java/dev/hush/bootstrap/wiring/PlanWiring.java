package dev.hush.bootstrap.wiring;

import dev.hush.application.audit.Audit;
import dev.hush.application.metrics.MetricsSummary;
import dev.hush.application.metrics.RequestRecorder;
import dev.hush.application.plan.AdminConsole;
import dev.hush.application.plan.ApiUsage;
import dev.hush.application.plan.BillingStatus;
import dev.hush.application.plan.ManageBilling;
import dev.hush.application.plan.PlanPolicy;
import dev.hush.application.port.Billing;
import dev.hush.application.port.BillingAccounts;
import dev.hush.application.port.Plans;
import dev.hush.application.port.RequestMetrics;
import dev.hush.application.port.Transactions;
import dev.hush.application.port.UsageCounts;
import dev.hush.application.tenant.Tenancy;
import dev.hush.billing.NoBilling;
import dev.hush.billing.stripe.StripeBilling;
import dev.hush.domain.plan.Plan;
import dev.hush.web.support.PublicUrl;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/** Plans and billing: limits, metering of API requests, Stripe (or none), the admin console, request metrics. */
@Factory
final class PlanWiring {
    @Singleton
    PlanPolicy planPolicy(Plans plans, UsageCounts counts, BillingSettings.Provider billing) {
        return new PlanPolicy(plans, counts, billing.enforced());
    }

    @Singleton
    ApiUsage apiUsage(UsageCounts counts, PlanPolicy policy, Transactions tx, Clock clock, LimitSettings.Plans settings) {
        return new ApiUsage(counts, policy, tx, clock, settings.usageRefresh());
    }

    /** Eager: a Stripe configuration without its key or webhook secret stops the server at start, not at the first request. */
    @Context
    Billing billing(BillingSettings.Provider provider, BillingSettings.Stripe stripe, Environment env) {
        if (!provider.enforced()) {
            return new NoBilling();
        }
        Map<Plan, String> prices = new EnumMap<>(Plan.class);
        for (Plan p : Plan.values()) {
            env.getProperty("hush.stripe.price." + p.wire(), String.class).filter(v -> !v.isBlank()).ifPresent(v -> prices.put(p, v));
        }
        return new StripeBilling(stripe.apiKey(), java.util.Optional.ofNullable(stripe.apiBase()).filter(v -> !v.isBlank()),
                stripe.webhookSecrets(), prices);
    }

    @Singleton
    ManageBilling manageBilling(Tenancy tenancy, Plans plans, BillingAccounts accounts, Billing billing, Transactions tx, Clock clock, PublicUrl publicUrl,
                                Audit audit, ApiUsage usage) {
        return new ManageBilling(tenancy, plans, accounts, billing, tx, clock, publicUrl, audit, usage);
    }

    @Singleton
    BillingStatus billingStatus(Tenancy tenancy, Plans plans, PlanPolicy policy, Transactions tx, ApiUsage usage) {
        return new BillingStatus(tenancy, plans, policy, tx, usage);
    }

    @Singleton
    AdminConsole adminConsole(Plans plans, PlanPolicy policy, Transactions tx, Clock clock, Audit audit, ApiUsage usage) {
        return new AdminConsole(plans, policy, tx, clock, audit, usage);
    }

    @Singleton
    RequestRecorder requestRecorder(RequestMetrics store, Transactions tx, Clock clock) { return new RequestRecorder(store, tx, clock); }

    @Singleton
    MetricsSummary metricsSummary(RequestMetrics store, RequestRecorder recorder, Transactions tx, Clock clock) {
        return new MetricsSummary(store, recorder, tx, clock);
    }
}
