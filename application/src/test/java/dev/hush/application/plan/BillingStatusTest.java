package dev.hush.application.plan;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.domain.plan.Limit;
import dev.hush.domain.plan.Plan;
import org.junit.jupiter.api.Test;

class BillingStatusTest {
    private final World world = World.withBilling();
    private final World.Team acme = world.team("acme");

    @Test
    void get_byOwner_givesPlanUsageAndLimits() {
        world.set(acme.owner(), acme, "dev", "K", "v");

        var view = world.billingStatus.get(acme.owner(), "acme");

        assertThat(view.org().plan()).isEqualTo(Plan.FREE);
        assertThat(view.usage().projects()).isEqualTo(1);
        assertThat(view.usage().members()).isEqualTo(4);
        assertThat(view.usage().secrets()).isEqualTo(1);
        assertThat(view.usage().apiRequests()).isEqualTo(2);
        assertThat(view.effective().get(Limit.PROJECTS)).isEqualTo(3);
    }

    @Test
    void get_lapsedPaidPlan_fallsBackToFreeLimits() {
        world.tx.write(() -> {
            world.plans.setPlan(acme.org().id(), Plan.PRO, "unpaid");
            return null;
        });

        assertThat(world.billingStatus.get(acme.owner(), "acme").effective().get(Limit.PROJECTS)).isEqualTo(3);
    }

    @Test
    void get_byDeveloperOrOutsider_isRefused() {
        rejected("forbidden", () -> world.billingStatus.get(acme.developer(), "acme"));
        rejected("organization_not_found", () -> world.billingStatus.get(World.session(world.user("x@example.com")), "acme"));
    }
}
