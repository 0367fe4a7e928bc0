package dev.hush.application.project;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import org.junit.jupiter.api.Test;

class DeleteProjectTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void delete_byOwner_removesProjectSecretsAndKeys() {
        world.set(acme.owner(), acme, "dev", "K", "v");
        var projectId = acme.api().project().id();

        world.deleteProject.delete(acme.owner(), "acme", "api");

        assertThat(world.projects.all()).isEmpty();
        assertThat(world.projects.dataKeyVersions(projectId)).isEmpty();
        assertThat(world.projects.environmentCount()).isZero();
        assertThat(world.secrets.all()).isEmpty();
        assertThat(world.secrets.versionCount()).isZero();
        assertThat(world.auditActions(acme.org())).last().isEqualTo("project.deleted");
        rejected("project_not_found", () -> world.listProjects.describe(acme.owner(), "acme", "api"));
    }

    @Test
    void delete_byAdmin_isForbiddenAndKeepsEverything() {
        world.set(acme.owner(), acme, "dev", "K", "v");

        rejected("forbidden", () -> world.deleteProject.delete(acme.admin(), "acme", "api"));
        assertThat(world.projects.all()).hasSize(1);
        assertThat(world.storedValue(acme, "dev", "K")).contains("v");
    }

    @Test
    void delete_unknownOrOtherOrganizations_isNotFound() {
        var other = world.team("other");

        rejected("project_not_found", () -> world.deleteProject.delete(acme.owner(), "acme", "nope"));
        rejected("organization_not_found", () -> world.deleteProject.delete(other.owner(), "acme", "api"));
        assertThat(world.projects.all()).hasSize(2);
    }
}
