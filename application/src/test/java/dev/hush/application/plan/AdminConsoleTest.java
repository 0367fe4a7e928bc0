package dev.hush.application.plan;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.domain.plan.Limit;
import dev.hush.domain.plan.Plan;
import dev.hush.domain.plan.PlanLimits;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminConsoleTest {
    private final World world = World.withBilling();
    private final World.Team acme = world.team("acme");
    private final dev.hush.application.auth.Caller admin = World.session(world.platformAdmin("root@example.com"));

    @Test
    void statsAndOrgs_byPlatformAdmin_countTheInstance() {
        world.set(acme.owner(), acme, "dev", "K", "v");

        assertThat(world.adminConsole.stats(admin)).isEqualTo(new dev.hush.application.port.Plans.Stats(5, 1, 1, 1));
        assertThat(world.adminConsole.orgs(admin)).singleElement().satisfies(o -> assertThat(o.org().slug()).isEqualTo("acme"));
    }

    @Test
    void update_setsPlanAndOverridesAtOnceAndAudits() {
        var view = world.adminConsole.update(admin, acme.org().id().toString(), Optional.of("team"),
                Optional.of(new PlanLimits(Map.of(Limit.PROJECTS, 1L))));

        assertThat(view.org().plan()).isEqualTo(Plan.TEAM);
        assertThat(view.effective().get(Limit.PROJECTS)).isEqualTo(1);
        assertThat(view.effective().get(Limit.MEMBERS)).isEqualTo(100);
        assertThat(world.platformActions()).last().isEqualTo("admin.org.updated");
        rejected("plan_limit_reached", () -> world.createProject.create(acme.owner(), "acme", "Second", null));
    }

    @Test
    void updatePlan_changesTheTableForEveryOrg() {
        var saved = world.adminConsole.updatePlan(admin, "free", new PlanLimits(Map.of(Limit.PROJECTS, 10L)));

        assertThat(saved.fromTable()).isTrue();
        assertThat(world.adminConsole.plans(admin)).filteredOn(p -> p.plan() == Plan.FREE).singleElement()
                .satisfies(p -> assertThat(p.limits().get(Limit.PROJECTS)).isEqualTo(10));
        assertThat(world.billingStatus.get(acme.owner(), "acme").effective().get(Limit.PROJECTS)).isEqualTo(10);
    }

    @Test
    void anything_byOrgOwner_isForbidden_unknownOrg_isNotFound() {
        rejected("forbidden", () -> world.adminConsole.stats(acme.owner()));
        rejected("forbidden", () -> world.adminConsole.update(acme.owner(), acme.org().id().toString(), Optional.of("enterprise"), Optional.empty()));
        rejected("organization_not_found", () -> world.adminConsole.org(admin, "nope"));
        assertThat(world.tx.read(() -> world.plans.orgPlan(acme.org().id())).orElseThrow().plan()).isEqualTo(Plan.FREE);
    }
}
