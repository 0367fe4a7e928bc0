package dev.hush.application.project;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.domain.access.Permission;
import dev.hush.domain.access.TokenScope;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefaultProjectTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void ensure_byAdmin_createsOnceThenExists() {
        assertThat(world.defaultProject.exists(acme.admin(), "acme")).isFalse();

        world.defaultProject.ensure(acme.admin(), "acme");
        world.defaultProject.ensure(acme.admin(), "acme");

        assertThat(world.defaultProject.exists(acme.admin(), "acme")).isTrue();
        assertThat(world.projects.all()).extracting(p -> p.slug().value()).containsExactlyInAnyOrder("api", "default");
        assertThat(world.auditActions(acme.org()).stream().filter("project.created"::equals)).hasSize(2);
    }

    @Test
    void requireAdmin_developer_isForbidden_outsider_isNotFound() {
        rejected("forbidden", () -> world.defaultProject.requireAdmin(acme.developer(), "acme"));
        rejected("forbidden", () -> world.defaultProject.ensure(acme.developer(), "acme"));
        rejected("organization_not_found", () -> world.defaultProject.requireAdmin(World.session(world.user("x@example.com")), "acme"));
        assertThat(world.projects.all()).hasSize(1);
    }

    @Test
    void ensure_readOnlyToken_doesNotCreate() {
        var readOnly = World.token(acme.owner().user(), new TokenScope(Optional.empty(), Set.of(), Set.of(), Set.of(Permission.READ)));

        rejected("project_not_found", () -> world.defaultProject.ensure(readOnly, "acme"));
        assertThat(world.projects.all()).hasSize(1);
    }
}
