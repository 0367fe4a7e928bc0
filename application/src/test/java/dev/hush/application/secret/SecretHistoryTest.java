package dev.hush.application.secret;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretHistoryTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void history_withReveal_givesEveryVersionNewestFirstAndAudits() {
        world.set(acme.owner(), acme, "dev", "K", "one");
        world.set(acme.developer(), acme, "dev", "K", "two");

        var entries = world.secretHistory.history(acme.developer(), "acme", "api", "dev", "K", true);

        assertThat(entries).extracting(e -> e.version().version()).containsExactly(2, 1);
        assertThat(entries).extracting(SecretHistory.Entry::value).containsExactly(Optional.of("two"), Optional.of("one"));
        assertThat(entries.get(0).version().createdBy()).contains(acme.developer().userId());
        assertThat(entries).extracting(SecretHistory.Entry::author)
                .containsExactly(Optional.of(acme.developer().user().email()), Optional.of(acme.owner().user().email()));
        assertThat(world.auditActions(acme.org())).last().isEqualTo("secret.revealed");
        assertThat(world.secrets.all()).singleElement().satisfies(s -> assertThat(s.accessCount()).isEqualTo(1));
    }

    @Test
    void history_withoutReveal_givesNoValuesAndIsNoAccess() {
        world.set(acme.owner(), acme, "prod", "K", "one");
        int events = world.auditActions(acme.org()).size();

        var entries = world.secretHistory.history(acme.viewer(), "acme", "api", "prod", "K", false);

        assertThat(entries).singleElement().satisfies(e -> assertThat(e.value()).isEmpty());
        assertThat(world.auditActions(acme.org())).hasSize(events);
    }

    @Test
    void history_ofDeletedSecret_isStillThere() {
        world.set(acme.owner(), acme, "dev", "K", "one");
        world.deleteSecrets.deleteOne(acme.owner(), "acme", "api", "dev", "K");

        var entries = world.secretHistory.history(acme.owner(), "acme", "api", "dev", "K", false);

        assertThat(entries).singleElement().satisfies(e -> assertThat(e.version().deleted()).isTrue());
    }

    @Test
    void history_revealProdByDeveloper_isForbidden() {
        world.set(acme.owner(), acme, "prod", "K", "one");

        rejected("forbidden", () -> world.secretHistory.history(acme.developer(), "acme", "api", "prod", "K", true));
    }

    @Test
    void history_unknownKey_isNotFound() {
        rejected("secret_not_found", () -> world.secretHistory.history(acme.owner(), "acme", "api", "dev", "NOPE", false));
        rejected("validation_failed", () -> world.secretHistory.history(acme.owner(), "acme", "api", "dev", "1bad", false));
    }
}
