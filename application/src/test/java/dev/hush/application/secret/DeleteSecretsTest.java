package dev.hush.application.secret;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeleteSecretsTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void deleteOne_live_softDeletesKeepsVersionsAndAudits() {
        world.manageWebhooks.create(acme.owner(), "acme", "https://hooks.example.com/in", List.of("secret.deleted"), null);
        world.set(acme.developer(), acme, "dev", "K", "v");

        world.deleteSecrets.deleteOne(acme.developer(), "acme", "api", "dev", "K");

        var stored = world.secrets.stored(acme.env("dev").id(), "K").orElseThrow();
        assertThat(stored.isDeleted()).isTrue();
        assertThat(stored.hasValue()).isFalse();
        assertThat(world.secrets.storedVersions(stored.id())).singleElement().satisfies(v -> assertThat(v.deleted()).isTrue());
        assertThat(world.auditActions(acme.org())).last().isEqualTo("secret.deleted");
        assertThat(world.webhooks.allDeliveries()).extracting(d -> d.event()).containsExactly("secret.deleted");
    }

    @Test
    void deleteOne_thenSet_revivesAsCreated() {
        world.set(acme.owner(), acme, "dev", "K", "v");
        world.deleteSecrets.deleteOne(acme.owner(), "acme", "api", "dev", "K");

        var r = world.set(acme.owner(), acme, "dev", "K", "v");

        assertThat(r.created()).isTrue();
        assertThat(r.secret().version()).isEqualTo(2);
        assertThat(world.storedValue(acme, "dev", "K")).contains("v");
    }

    @Test
    void deleteOne_missingOrAlreadyDeleted_isNotFound() {
        world.set(acme.owner(), acme, "dev", "K", "v");
        world.deleteSecrets.deleteOne(acme.owner(), "acme", "api", "dev", "K");

        rejected("secret_not_found", () -> world.deleteSecrets.deleteOne(acme.owner(), "acme", "api", "dev", "K"));
        rejected("secret_not_found", () -> world.deleteSecrets.deleteOne(acme.owner(), "acme", "api", "dev", "NEVER"));
    }

    @Test
    void deleteOne_byViewer_isForbidden() {
        world.set(acme.owner(), acme, "dev", "K", "v");

        rejected("forbidden", () -> world.deleteSecrets.deleteOne(acme.viewer(), "acme", "api", "dev", "K"));
        assertThat(world.secrets.all()).singleElement().satisfies(s -> assertThat(s.isDeleted()).isFalse());
    }

    @Test
    void deleteMany_allLive_deletesEachAndReturnsCount() {
        world.set(acme.owner(), acme, "dev", "A", "1");
        world.set(acme.owner(), acme, "dev", "B", "2");
        world.set(acme.owner(), acme, "dev", "C", "3");

        int n = world.deleteSecrets.deleteMany(acme.admin(), "acme", "api", "dev", List.of("A", "B"));

        assertThat(n).isEqualTo(2);
        assertThat(world.secrets.all()).filteredOn(s -> !s.isDeleted()).extracting(s -> s.key().value()).containsExactly("C");
        assertThat(world.auditActions(acme.org())).last().isEqualTo("secret.bulk_delete");
    }

    @Test
    void deleteMany_oneMissing_deletesNothing() {
        world.set(acme.owner(), acme, "dev", "A", "1");

        var r = rejected("secret_not_found", () -> world.deleteSecrets.deleteMany(acme.owner(), "acme", "api", "dev", List.of("A", "MISSING")));

        assertThat(r.getMessage()).contains("MISSING");
        assertThat(world.secrets.all()).allSatisfy(s -> assertThat(s.isDeleted()).isFalse());
    }

    @Test
    void deleteMany_byDeveloper_needsAdmin() {
        world.set(acme.owner(), acme, "dev", "A", "1");

        rejected("forbidden", () -> world.deleteSecrets.deleteMany(acme.developer(), "acme", "api", "dev", List.of("A")));
        rejected("validation_failed", () -> world.deleteSecrets.deleteMany(acme.owner(), "acme", "api", "dev", List.of()));
    }
}
