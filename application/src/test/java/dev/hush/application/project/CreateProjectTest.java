package dev.hush.application.project;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.domain.access.Permission;
import dev.hush.domain.access.TokenScope;
import dev.hush.domain.plan.Limit;
import dev.hush.domain.plan.PlanLimits;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CreateProjectTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void create_byAdmin_makesDefaultEnvironmentsAndFirstDataKey() {
        var view = world.createProject.create(acme.admin(), "acme", "Web Shop", null);

        assertThat(view.project().slug().value()).isEqualTo("web-shop");
        assertThat(view.project().keyVersion()).isEqualTo(1);
        assertThat(view.environments()).extracting(e -> e.slug().value()).containsExactly("dev", "staging", "prod");
        assertThat(world.projects.dataKeyVersions(view.project().id())).containsExactly(1);
        assertThat(world.tx.read(() -> world.keys.projectKey(acme.org().id(), view.project().id(), 1))).hasSize(32);
        assertThat(world.auditActions(acme.org())).last().isEqualTo("project.created");
    }

    @Test
    void create_takenSlug_isConflict() {
        rejected("project_exists", () -> world.createProject.create(acme.owner(), "acme", "Again", "api"));
        assertThat(world.projects.all()).hasSize(1);
    }

    @Test
    void create_byDeveloperOrProjectScopedToken_isForbidden() {
        var scoped = World.token(acme.owner().user(), new TokenScope(Optional.empty(), Set.of("api"), Set.of(), Set.of(Permission.READ, Permission.WRITE)));

        rejected("forbidden", () -> world.createProject.create(acme.developer(), "acme", "X", null));
        rejected("forbidden", () -> world.createProject.create(scoped, "acme", "X", null));
        rejected("validation_failed", () -> world.createProject.create(acme.owner(), "acme", "X", "Bad Slug"));
        assertThat(world.projects.all()).hasSize(1);
    }

    @Test
    void create_pastProjectLimit_isPaymentRequired() {
        world.tx.write(() -> {
            world.plans.setOverrides(acme.org().id(), new PlanLimits(Map.of(Limit.PROJECTS, 1L)));
            return null;
        });

        rejected("plan_limit_reached", () -> world.createProject.create(acme.owner(), "acme", "Second", null));
        assertThat(world.projects.all()).hasSize(1);
    }

    @Test
    void create_withBillingOnFreePlan_allowsThreeProjects() {
        World billed = World.withBilling();
        var team = billed.team("paid");
        billed.createProject.create(team.owner(), "paid", "Two", null);
        billed.createProject.create(team.owner(), "paid", "Three", null);

        rejected("plan_limit_reached", () -> billed.createProject.create(team.owner(), "paid", "Four", null));
        assertThat(billed.projects.all()).hasSize(3);
    }
}
