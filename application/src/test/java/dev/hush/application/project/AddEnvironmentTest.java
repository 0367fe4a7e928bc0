package dev.hush.application.project;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.domain.plan.Limit;
import dev.hush.domain.plan.PlanLimits;
import dev.hush.domain.tenant.ReadLevel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddEnvironmentTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void add_byAdmin_defaultsToProdLevel() {
        var env = world.addEnvironment.add(acme.admin(), "acme", "api", "qa", null, null);

        assertThat(env.readLevel()).isEqualTo(ReadLevel.PROD);
        assertThat(env.name()).isEqualTo("qa");
        assertThat(world.listProjects.describe(acme.owner(), "acme", "api").environments()).extracting(e -> e.slug().value()).contains("qa");
        assertThat(world.auditActions(acme.org())).last().isEqualTo("environment.created");
        // A developer may not read a prod-level environment.
        world.set(acme.owner(), acme, "dev", "X", "x");
        world.setSecret.set(acme.owner(), "acme", "api", "qa", World.change("K", "v"));
        rejected("forbidden", () -> world.pullSecrets.pull(acme.developer(), "acme", "api", "qa", dev.hush.application.secret.SecretQuery.ALL, false));
    }

    @Test
    void add_existingSlugOrBadLevel_isRefused() {
        rejected("environment_exists", () -> world.addEnvironment.add(acme.owner(), "acme", "api", "dev", null, "dev"));
        rejected("validation_failed", () -> world.addEnvironment.add(acme.owner(), "acme", "api", "qa", null, "secret"));
        assertThat(world.projects.environmentCount()).isEqualTo(3);
    }

    @Test
    void add_byDeveloper_isForbidden() {
        rejected("forbidden", () -> world.addEnvironment.add(acme.developer(), "acme", "api", "qa", null, "dev"));
        assertThat(world.projects.environmentCount()).isEqualTo(3);
    }

    @Test
    void add_pastEnvironmentLimit_isPaymentRequired() {
        world.tx.write(() -> {
            world.plans.setOverrides(acme.org().id(), new PlanLimits(Map.of(Limit.ENVIRONMENTS_PER_PROJECT, 3L)));
            return null;
        });

        rejected("plan_limit_reached", () -> world.addEnvironment.add(acme.owner(), "acme", "api", "qa", null, "dev"));
        assertThat(world.projects.environmentCount()).isEqualTo(3);
    }
}
