package dev.hush.application.secret;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromoteSecretsTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void promote_allKeys_copiesValuesAsNewVersions() {
        world.set(acme.owner(), acme, "dev", "A", "a-dev");
        world.set(acme.owner(), acme, "dev", "B", "b-dev");
        world.set(acme.owner(), acme, "staging", "B", "b-old");
        world.set(acme.owner(), acme, "dev", "EMPTY", null);

        var r = world.promoteSecrets.promote(acme.developer(), "acme", "api", "dev", "staging", null);

        assertThat(r).isEqualTo(new PromoteSecrets.Result(2, 1, 1, 0));
        assertThat(world.storedValue(acme, "staging", "A")).contains("a-dev");
        assertThat(world.storedValue(acme, "staging", "B")).contains("b-dev");
        assertThat(world.secrets.stored(acme.env("staging").id(), "EMPTY")).isEmpty();
        assertThat(world.auditActions(acme.org())).last().isEqualTo("secret.promoted");
    }

    @Test
    void promote_namedKeys_onlyThose() {
        world.set(acme.owner(), acme, "dev", "A", "1");
        world.set(acme.owner(), acme, "dev", "B", "2");

        var r = world.promoteSecrets.promote(acme.owner(), "acme", "api", "dev", "prod", List.of("B"));

        assertThat(r.promoted()).isEqualTo(1);
        assertThat(world.storedValue(acme, "prod", "B")).contains("2");
        assertThat(world.storedValue(acme, "prod", "A")).isEmpty();
    }

    @Test
    void promote_namedKeyWithoutValue_isNotFoundAndWritesNothing() {
        world.set(acme.owner(), acme, "dev", "A", "1");

        rejected("secret_not_found", () -> world.promoteSecrets.promote(acme.owner(), "acme", "api", "dev", "staging", List.of("A", "MISSING")));
        assertThat(world.secrets.stored(acme.env("staging").id(), "A")).isEmpty();
    }

    @Test
    void promote_fromProdByDeveloper_isForbidden() {
        world.set(acme.owner(), acme, "prod", "A", "1");

        rejected("forbidden", () -> world.promoteSecrets.promote(acme.developer(), "acme", "api", "prod", "dev", null));
        assertThat(world.secrets.stored(acme.env("dev").id(), "A")).isEmpty();
    }

    @Test
    void promote_sameEnvironmentOrUnknown_isRefused() {
        rejected("validation_failed", () -> world.promoteSecrets.promote(acme.owner(), "acme", "api", "dev", "dev", null));
        rejected("environment_not_found", () -> world.promoteSecrets.promote(acme.owner(), "acme", "api", "dev", "qa", null));
    }
}
