package dev.hush.application.sealed;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.crypto.X25519Box;
import dev.hush.application.fakes.World;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrieveSealedTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");
    private final String clientKey = Base64.getEncoder().encodeToString(X25519Box.generate().publicKey());

    @Test
    void retrieveX25519_namedKeys_sealsThemAndCountsAsAPull() {
        world.set(acme.owner(), acme, "dev", "A", "alpha-value");
        world.set(acme.owner(), acme, "dev", "B", "beta-value");

        var r = world.retrieveSealed.retrieveX25519(acme.developer(), "acme", "api", "dev", List.of("A"), null, "publicKey", clientKey);

        assertThat(r.count()).isEqualTo(1);
        assertThat(r.bundle().encryptedSecrets()).doesNotContain("alpha-value");
        assertThat(world.auditActions(acme.org())).last().isEqualTo("secret.read");
        assertThat(world.secrets.stored(acme.env("dev").id(), "A").orElseThrow().accessCount()).isEqualTo(1);
        assertThat(world.secrets.stored(acme.env("dev").id(), "B").orElseThrow().accessCount()).isZero();
    }

    @Test
    void retrieve_badClientKeyOrForbiddenEnvironment_isRefused() {
        world.set(acme.owner(), acme, "prod", "A", "v");

        rejected("invalid_public_key", () -> world.retrieveSealed.retrieveX25519(acme.owner(), "acme", "api", "prod", null, null, "publicKey", "AAAA"));
        rejected("validation_failed", () -> world.retrieveSealed.retrieve(acme.owner(), "acme", "api", "prod", null, null, "publicKey", null));
        rejected("forbidden", () -> world.retrieveSealed.retrieveX25519(acme.developer(), "acme", "api", "prod", null, null, "publicKey", clientKey));
        assertThat(world.secrets.all()).allSatisfy(s -> assertThat(s.accessCount()).isZero());
    }
}
