package dev.hush.application.project;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.domain.access.Permission;
import dev.hush.domain.access.TokenScope;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListProjectsTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void list_member_seesProjectsBySlugWithEnvironments() {
        world.createProject.create(acme.owner(), "acme", "Backend", "backend");

        var list = world.listProjects.list(acme.viewer(), "acme");

        assertThat(list).extracting(v -> v.project().slug().value()).containsExactly("api", "backend");
        assertThat(list.get(0).environments()).hasSize(3);
    }

    @Test
    void list_projectScopedToken_seesOnlyItsProjects() {
        world.createProject.create(acme.owner(), "acme", "Backend", "backend");
        var scoped = World.token(acme.owner().user(), new TokenScope(Optional.empty(), Set.of("backend"), Set.of(), Set.of(Permission.READ)));

        assertThat(world.listProjects.list(scoped, "acme")).extracting(v -> v.project().slug().value()).containsExactly("backend");
        rejected("project_not_found", () -> world.listProjects.describe(scoped, "acme", "api"));
    }

    @Test
    void describe_outsider_isNotFound() {
        rejected("organization_not_found", () -> world.listProjects.describe(World.session(world.user("x@example.com")), "acme", "api"));
        assertThat(world.listProjects.describe(acme.developer(), "acme", "api").project().id()).isEqualTo(acme.api().project().id());
    }
}
