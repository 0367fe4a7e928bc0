package dev.hush.application.secret;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.application.port.EnvironmentFeed;
import org.junit.jupiter.api.Test;

class WatchEnvironmentTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void changes_ofTheEnvironmentOnly_inOrder_afterARevision_withKeysAndNoValues() {
        world.watchEnvironment.open(acme.viewer(), "acme", "api", "prod");
        world.set(acme.owner(), acme, "prod", "A", "value-a");
        world.set(acme.owner(), acme, "dev", "OTHER_ENV", "x");
        world.set(acme.owner(), acme, "prod", "A", "value-a2");
        world.deleteSecrets.deleteOne(acme.owner(), "acme", "api", "prod", "A");

        var all = world.watchEnvironment.next(acme.viewer(), "acme", "api", "prod", 0);
        assertThat(all).extracting(e -> e.type() + " " + e.keys()).containsExactly("secret.created [A]", "secret.updated [A]", "secret.deleted [A]");
        assertThat(all.toString()).doesNotContain("value-a");
        assertThat(world.watchEnvironment.next(acme.viewer(), "acme", "api", "prod", all.get(0).revision()))
                .extracting(EnvironmentFeed.Event::type).containsExactly("secret.updated", "secret.deleted");
    }

    @Test
    void anotherOrganization_isNotFound_andAnUnchangedSet_isNoEvent() {
        World.Team other = world.team("other");
        rejected("organization_not_found", () -> world.watchEnvironment.open(other.owner(), "acme", "api", "dev"));
        rejected("organization_not_found", () -> world.watchEnvironment.next(other.owner(), "acme", "api", "dev", 0));
        world.set(acme.owner(), acme, "dev", "K", "same");
        world.set(acme.owner(), acme, "dev", "K", "same");
        assertThat(world.watchEnvironment.next(acme.developer(), "acme", "api", "dev", 0)).hasSize(1);
    }
}
