package dev.hush.application.secret;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiffEnvironmentsTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void diff_namesKeysOnlyInOneSide_differentValues_andMetadata_withoutValues() {
        world.set(acme.owner(), acme, "dev", "ONLY_DEV", "x");
        world.set(acme.owner(), acme, "prod", "ONLY_PROD", "y");
        world.set(acme.owner(), acme, "dev", "SAME", "same-value");
        world.set(acme.owner(), acme, "prod", "SAME", "same-value");
        world.set(acme.owner(), acme, "dev", "DIFFERENT", "dev-value");
        world.set(acme.owner(), acme, "prod", "DIFFERENT", "prod-value");
        world.set(acme.owner(), acme, "dev", "UNSET", null);
        world.set(acme.owner(), acme, "prod", "UNSET", "now-set");

        var r = world.diffEnvironments.diff(acme.owner(), "acme", "api", "dev", "prod");

        assertThat(r.onlyInFrom()).containsExactly("ONLY_DEV");
        assertThat(r.onlyInTo()).containsExactly("ONLY_PROD");
        assertThat(r.same()).containsExactly("SAME");
        assertThat(r.changed()).containsExactly(new DiffEnvironments.Changed("DIFFERENT", List.of("value")),
                new DiffEnvironments.Changed("UNSET", List.of("hasValue")));
        assertThat(r.identical()).isFalse();
        assertThat(r.toString()).doesNotContain("dev-value").doesNotContain("prod-value").doesNotContain("same-value");
        assertThat(world.auditActions(acme.org())).last().isEqualTo("secret.compared");
    }

    @Test
    void diff_ofEqualEnvironments_isIdentical() {
        world.set(acme.owner(), acme, "dev", "A", "1");
        world.set(acme.owner(), acme, "staging", "A", "1");

        assertThat(world.diffEnvironments.diff(acme.developer(), "acme", "api", "dev", "staging").identical()).isTrue();
    }

    @Test
    void diff_needsTheReadRightOnBothSides_andRefusesNonsense() {
        world.set(acme.owner(), acme, "prod", "A", "1");
        // A developer may read dev but not prod: whether two values are equal is a read of both.
        rejected("forbidden", () -> world.diffEnvironments.diff(acme.developer(), "acme", "api", "dev", "prod"));
        rejected("forbidden", () -> world.diffEnvironments.diff(acme.viewer(), "acme", "api", "dev", "staging"));
        rejected("validation_failed", () -> world.diffEnvironments.diff(acme.owner(), "acme", "api", "dev", "dev"));
        rejected("environment_not_found", () -> world.diffEnvironments.diff(acme.owner(), "acme", "api", "dev", "prd"));
        World.Team other = world.team("other");
        rejected("organization_not_found", () -> world.diffEnvironments.diff(other.owner(), "acme", "api", "dev", "prod"));
    }

    @Test
    void strictPromotion_isRefused_whenTheTargetHasKeysTheSourceLacks_andWritesNothing() {
        world.set(acme.owner(), acme, "dev", "A", "1");
        world.set(acme.owner(), acme, "staging", "EXTRA", "e");

        rejected("target_has_extra_keys", () -> world.promoteSecrets.promote(acme.owner(), "acme", "api", "dev", "staging", null, true));
        assertThat(world.storedValue(acme, "staging", "A")).isEmpty();
        // Forced (not strict), it goes on.
        assertThat(world.promoteSecrets.promote(acme.owner(), "acme", "api", "dev", "staging", null, false).created()).isEqualTo(1);
    }
}
