package dev.hush.application.tenant;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.domain.plan.Limit;
import dev.hush.domain.plan.PlanLimits;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenancyTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void environment_bySlugOrId_resolvesForMember() {
        var bySlug = world.tx.read(() -> world.tenancy.environment(acme.viewer(), "acme", "api", "prod"));
        var byId = world.tx.read(() -> world.tenancy.environment(acme.viewer(), acme.org().id().toString(), "api", "prod"));

        assertThat(bySlug.env()).isEqualTo(acme.env("prod"));
        assertThat(byId.env()).isEqualTo(acme.env("prod"));
        assertThat(bySlug.resource("K")).isEqualTo("org/acme/project/api/env/prod/secret/K");
    }

    @Test
    void org_pastMonthlyRequests_isPaymentRequired_unmeteredStillWorks() {
        world.tx.write(() -> {
            world.plans.setOverrides(acme.org().id(), new PlanLimits(Map.of(Limit.API_REQUESTS_PER_MONTH, 2L)));
            return null;
        });
        world.apiUsage.forget(acme.org().id());
        // The team fixture's project creation was the month's first request; this is the second.
        world.tx.read(() -> world.tenancy.org(World.session(acme.owner().user()), "acme"));

        rejected("plan_limit_reached", () -> world.tx.read(() -> world.tenancy.org(World.session(acme.owner().user()), "acme")));
        assertThat(world.tx.read(() -> world.tenancy.orgUnmetered(World.session(acme.owner().user()), "acme")).org().id()).isEqualTo(acme.org().id());
    }

    @Test
    void org_oneRequestResolvingTwice_countsOnce() {
        var caller = World.session(acme.owner().user());
        world.tx.read(() -> world.tenancy.org(caller, "acme"));
        world.tx.read(() -> world.tenancy.project(caller, "acme", "api"));

        world.apiUsage.flush();

        assertThat(world.tx.read(() -> world.plans.apiRequests(acme.org().id(), world.apiUsage.month()))).isEqualTo(
                // the team fixture's project creation was one request of its own
                2L);
    }

    @Test
    void nonMember_badSlugAndNull_areAllNotFound() {
        var stranger = World.session(world.user("s@example.com"));

        rejected("organization_not_found", () -> world.tx.read(() -> world.tenancy.org(stranger, "acme")));
        rejected("organization_not_found", () -> world.tx.read(() -> world.tenancy.org(acme.owner(), "Not A Slug")));
        rejected("organization_not_found", () -> world.tx.read(() -> world.tenancy.org(acme.owner(), null)));
    }
}
