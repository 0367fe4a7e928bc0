package dev.hush.application.secret;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.application.port.EnvironmentFeed;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WatchEnvironmentTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    private List<EnvironmentFeed.Event> after(UUID env, long revision) {
        return world.watchEnvironment.after(Map.of(env, revision)).getOrDefault(env, List.of());
    }

    @Test
    void changes_ofTheEnvironmentOnly_inOrder_afterARevision_withKeysAndNoValues() {
        UUID prod = world.watchEnvironment.open(acme.viewer(), "acme", "api", "prod", 0);
        world.set(acme.owner(), acme, "prod", "A", "value-a");
        world.set(acme.owner(), acme, "dev", "OTHER_ENV", "x");
        world.set(acme.owner(), acme, "prod", "A", "value-a2");
        world.deleteSecrets.deleteOne(acme.owner(), "acme", "api", "prod", "A");

        var all = after(prod, 0);
        assertThat(all).extracting(e -> e.type() + " " + e.keys()).containsExactly("secret.created [A]", "secret.updated [A]", "secret.deleted [A]");
        assertThat(all.toString()).doesNotContain("value-a");
        assertThat(after(prod, all.get(0).revision())).extracting(EnvironmentFeed.Event::type).containsExactly("secret.updated", "secret.deleted");
    }

    @Test
    void anotherOrganization_isNotFound_andAnUnchangedSet_isNoEvent() {
        World.Team other = world.team("other");
        rejected("organization_not_found", () -> world.watchEnvironment.open(other.owner(), "acme", "api", "dev", 0));
        rejected("organization_not_found", () -> world.watchEnvironment.check(other.owner(), "acme", "api", "dev"));
        UUID dev = world.watchEnvironment.open(acme.developer(), "acme", "api", "dev", 0);
        world.set(acme.owner(), acme, "dev", "K", "same");
        world.set(acme.owner(), acme, "dev", "K", "same");
        assertThat(after(dev, 0)).hasSize(1);
        rejected("validation_failed", () -> world.watchEnvironment.open(acme.developer(), "acme", "api", "dev", -1));
    }

    @Test
    void resumingFromAPrunedRevision_isRefused_butFromTheFirstKeptOneOrZero_isNot() {
        UUID dev = world.watchEnvironment.open(acme.developer(), "acme", "api", "dev", 0);
        world.set(acme.owner(), acme, "dev", "OLD", "1");
        world.set(acme.owner(), acme, "dev", "OLDER", "1");
        long first = after(dev, 0).get(0).revision();
        world.clock.advance(java.time.Duration.ofDays(8));
        world.set(acme.owner(), acme, "dev", "NEW", "1");
        world.environmentFeed.prune(world.clock.instant().minus(java.time.Duration.ofDays(7)));

        long pruned = world.environmentFeed.prunedThrough(dev);
        assertThat(pruned).isGreaterThan(first);
        rejected("revision_expired", () -> world.watchEnvironment.open(acme.developer(), "acme", "api", "dev", first));
        assertThat(world.watchEnvironment.open(acme.developer(), "acme", "api", "dev", pruned)).isEqualTo(dev);
        world.watchEnvironment.open(acme.developer(), "acme", "api", "dev", 0);
        assertThat(after(dev, 0)).extracting(e -> e.keys().get(0)).containsExactly("NEW");
    }
}
