package dev.hush.application.plan;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.FakeBilling;
import dev.hush.application.fakes.World;
import dev.hush.application.port.Billing;
import dev.hush.domain.plan.Plan;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManageBillingTest {
    private final World world = World.withBilling();
    private final World.Team acme = world.team("acme");

    private String event(String id, String type, Optional<String> sub, Optional<Plan> plan, Optional<String> status) {
        return world.billing.event("payload-" + id, Optional.of(new Billing.Event(id, type, Optional.of(acme.org().id()), Optional.of("cus_1"), sub, plan,
                status)));
    }

    @Test
    void checkout_byAdmin_pointsBackToThePublicUrl_freePlanIsInvalid() {
        String url = world.manageBilling.checkout(acme.admin(), "acme", "pro", Optional.empty(), Optional.empty());

        assertThat(url).contains("plan=pro").contains("success=" + World.PUBLIC_URL + "/billing?org=acme&checkout=success");
        rejected("validation_failed", () -> world.manageBilling.checkout(acme.admin(), "acme", "free", Optional.empty(), Optional.empty()));
        rejected("forbidden", () -> world.manageBilling.checkout(acme.developer(), "acme", "pro", Optional.empty(), Optional.empty()));
        rejected("no_subscription", () -> world.manageBilling.portal(acme.owner(), "acme", Optional.empty()));
    }

    @Test
    void webhook_verifiedEvent_changesPlanOnce_replayChangesNothing() {
        String payload = event("evt_1", "checkout.session.completed", Optional.of("sub_1"), Optional.of(Plan.PRO), Optional.of("active"));

        assertThat(world.manageBilling.webhook(payload, FakeBilling.SIGNATURE)).isTrue();
        assertThat(world.manageBilling.webhook(payload, FakeBilling.SIGNATURE)).isFalse();

        var plan = world.tx.read(() -> world.plans.orgPlan(acme.org().id())).orElseThrow();
        assertThat(plan.plan()).isEqualTo(Plan.PRO);
        assertThat(plan.status()).isEqualTo("active");
        assertThat(world.tx.read(() -> world.plans.billingIds(acme.org().id())).customerId()).contains("cus_1");
        assertThat(world.auditActions(acme.org()).stream().filter(a -> a.startsWith("billing."))).hasSize(1);
        assertThat(world.manageBilling.portal(acme.owner(), "acme", Optional.empty())).contains("customer=cus_1");
    }

    @Test
    void webhook_oldSubscriptionUpdate_afterMovingOn_changesNothing() {
        world.manageBilling.webhook(event("evt_1", "checkout.session.completed", Optional.of("sub_new"), Optional.of(Plan.TEAM), Optional.of("active")),
                FakeBilling.SIGNATURE);

        boolean changed = world.manageBilling.webhook(event("evt_2", "customer.subscription.deleted", Optional.of("sub_old"), Optional.of(Plan.PRO),
                Optional.of("canceled")), FakeBilling.SIGNATURE);

        assertThat(changed).isFalse();
        assertThat(world.tx.read(() -> world.plans.orgPlan(acme.org().id())).orElseThrow().plan()).isEqualTo(Plan.TEAM);
    }

    @Test
    void webhook_badSignature_isRefusedAndRecordsNothing() {
        String payload = event("evt_1", "checkout.session.completed", Optional.of("sub_1"), Optional.of(Plan.PRO), Optional.of("active"));

        rejected("invalid_signature", () -> world.manageBilling.webhook(payload, "forged"));
        assertThat(world.tx.read(() -> world.plans.orgPlan(acme.org().id())).orElseThrow().plan()).isEqualTo(Plan.FREE);
        assertThat(world.manageBilling.webhook(payload, FakeBilling.SIGNATURE)).isTrue();
    }
}
