package dev.hush.application.tenant;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import org.junit.jupiter.api.Test;

class TenancyTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void environment_bySlugOrId_resolvesForMember() {
        var bySlug = world.tx.read(() -> world.tenancy.environment(world.tenancy.org(acme.viewer(), "acme"), "api", "prod"));
        var byId = world.tx.read(() -> world.tenancy.environment(world.tenancy.org(acme.viewer(), acme.org().id().toString()), "api", "prod"));

        assertThat(bySlug.env()).isEqualTo(acme.env("prod"));
        assertThat(byId.env()).isEqualTo(acme.env("prod"));
        assertThat(bySlug.resource("K")).isEqualTo("org/acme/project/api/env/prod/secret/K");
    }

    @Test
    void org_isALookupOnly_itChargesNoRequest() {
        var caller = World.session(acme.owner().user());
        world.apiUsage.flush();
        long before = world.tx.read(() -> world.plans.apiRequests(acme.org().id(), world.apiUsage.month()));

        world.tx.read(() -> world.tenancy.project(world.tenancy.org(caller, "acme"), "api"));
        world.apiUsage.flush();

        assertThat(world.tx.read(() -> world.plans.apiRequests(acme.org().id(), world.apiUsage.month()))).isEqualTo(before);
    }

    @Test
    void nonMember_badSlugAndNull_areAllNotFound() {
        var stranger = World.session(world.user("s@example.com"));

        rejected("organization_not_found", () -> world.tx.read(() -> world.tenancy.org(stranger, "acme")));
        rejected("organization_not_found", () -> world.tx.read(() -> world.tenancy.org(acme.owner(), "Not A Slug")));
        rejected("organization_not_found", () -> world.tx.read(() -> world.tenancy.org(acme.owner(), null)));
    }
}
