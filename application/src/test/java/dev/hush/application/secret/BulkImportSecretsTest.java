package dev.hush.application.secret;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.domain.plan.Limit;
import dev.hush.domain.plan.PlanLimits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkImportSecretsTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void importAll_mixed_countsCreatedUpdatedUnchanged() {
        world.set(acme.owner(), acme, "dev", "SAME", "s");
        world.set(acme.owner(), acme, "dev", "CHANGED", "old");
        world.manageWebhooks.create(acme.owner(), "acme", "https://hooks.example.com/in", List.of("secret.bulk_set"), null);

        var r = world.bulkImportSecrets.importAll(acme.developer(), "acme", "api", "dev",
                List.of(World.change("NEW", "n"), World.change("SAME", "s"), World.change("CHANGED", "new")));

        assertThat(r).isEqualTo(new BulkImportSecrets.Result(1, 1, 1));
        assertThat(world.storedValue(acme, "dev", "NEW")).contains("n");
        assertThat(world.storedValue(acme, "dev", "CHANGED")).contains("new");
        assertThat(world.auditActions(acme.org())).last().isEqualTo("secret.bulk_set");
        assertThat(world.webhooks.allDeliveries()).singleElement().satisfies(d -> assertThat(d.payload()).contains("CHANGED", "NEW").doesNotContain("SAME"));
    }

    @Test
    void importAll_duplicateKey_isInvalidAndWritesNothing() {
        rejected("validation_failed", () -> world.bulkImportSecrets.importAll(acme.owner(), "acme", "api", "dev",
                List.of(World.change("A", "1"), World.change("A", "2"))));
        rejected("validation_failed", () -> world.bulkImportSecrets.importAll(acme.owner(), "acme", "api", "dev", List.of()));
        assertThat(world.secrets.all()).isEmpty();
    }

    @Test
    void importAll_pastSecretsLimit_writesNoneOfThem() {
        world.tx.write(() -> {
            world.plans.setOverrides(acme.org().id(), new PlanLimits(Map.of(Limit.SECRETS_PER_PROJECT, 2L)));
            return null;
        });
        world.set(acme.owner(), acme, "dev", "A", "1");

        rejected("plan_limit_reached", () -> world.bulkImportSecrets.importAll(acme.owner(), "acme", "api", "dev",
                List.of(World.change("B", "2"), World.change("C", "3"))));
        assertThat(world.secrets.all()).extracting(s -> s.key().value()).containsExactly("A");
        assertThat(world.plans.locks()).contains(acme.org().id());
    }

    @Test
    void importAll_byViewer_isForbidden() {
        rejected("forbidden", () -> world.bulkImportSecrets.importAll(acme.viewer(), "acme", "api", "dev", List.of(World.change("A", "1"))));
        assertThat(world.secrets.all()).isEmpty();
    }

    @Test
    void importAll_oneSealedValueFailsToOpen_rollsBackTheWholeBatch() {
        world.sealingPair(acme.org());

        rejected("sealed_value_invalid", () -> world.bulkImportSecrets.importAll(acme.owner(), "acme", "api", "dev",
                List.of(World.change("PLAIN", "p"), World.change("SEALED", null)),
                List.of(java.util.Optional.empty(), java.util.Optional.of(new SetSecret.Sealed("AAAA", null)))));
        assertThat(world.secrets.all()).isEmpty();
    }
}
