package dev.hush.application.secret;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.crypto.X25519SealedValue;
import dev.hush.application.fakes.World;
import dev.hush.application.sealed.OrgKeyPairs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sealed writes in the X25519 form: bound to organization, project, environment and key; opened after the right to write. */
class SetSecretX25519Test {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    /** What a client does: seals {@code value} to the organization's X25519 key for the secret it names. */
    static SetSecret.Sealed sealed(OrgKeyPairs.PublicKey key, String project, String env, String name, String value) {
        var s = X25519SealedValue.seal(Base64.getDecoder().decode(key.x25519PublicKey().orElseThrow()), value.getBytes(StandardCharsets.UTF_8),
                X25519SealedValue.associatedData(key.orgId(), project, env, name));
        Base64.Encoder b64 = Base64.getEncoder();
        return SetSecret.Sealed.x25519(b64.encodeToString(s.ephemeralPublicKey()), b64.encodeToString(s.encryptedValue()));
    }

    @Test
    void setSealed_x25519ForThisSecret_isOpenedStoredAndAudited() {
        var key = world.sealingPair(acme.org());

        var r = world.setSecret.setSealed(acme.developer(), "acme", "api", "dev", World.change("DB_URL", null),
                sealed(key, "api", "dev", "DB_URL", "postgres://x25519"));

        assertThat(r.created()).isTrue();
        assertThat(world.storedValue(acme, "dev", "DB_URL")).contains("postgres://x25519");
        assertThat(world.auditActions(acme.org())).last().isEqualTo("secret.created");
    }

    @Test
    void setSealed_x25519SealedForAnotherPlace_isRefusedAndStoresNothing() {
        var key = world.sealingPair(acme.org());

        for (SetSecret.Sealed elsewhere : List.of(sealed(key, "api", "dev", "OTHER_KEY", "v"), sealed(key, "api", "prod", "DB_URL", "v"),
                sealed(key, "web", "dev", "DB_URL", "v"))) {
            var r = rejected("sealed_value_invalid", () -> world.setSecret.setSealed(acme.developer(), "acme", "api", "dev",
                    World.change("DB_URL", null), elsewhere));
            assertThat(r.errors()).extracting(e -> e.field()).containsExactly("encryptedValue");
            assertThat(r.getMessage()).contains("X25519-SHA256-A256GCM").contains("x25519PublicKey");
        }
        assertThat(world.secrets.all()).isEmpty();
    }

    @Test
    void setSealed_x25519ToAnotherOrganizationsKey_isRefused() {
        world.sealingPair(acme.org());
        World.Team globex = world.team("globex");
        var globexKey = world.sealingPair(globex.org());
        // Everything right but the key: sealed to globex's key, naming acme's organization id.
        var wrongKey = new OrgKeyPairs.PublicKey(acme.org().id(), 1, globexKey.pem(), globexKey.x25519PublicKey(), globexKey.createdAt());

        rejected("sealed_value_invalid", () -> world.setSecret.setSealed(acme.developer(), "acme", "api", "dev", World.change("K", null),
                sealed(wrongKey, "api", "dev", "K", "v")));
        assertThat(world.secrets.all()).isEmpty();
    }

    @Test
    void setSealed_x25519TamperedOrMalformed_isRefusedWithAClearCode() {
        var key = world.sealingPair(acme.org());
        var good = sealed(key, "api", "dev", "K", "value");
        byte[] ct = Base64.getDecoder().decode(good.encryptedValue());
        ct[ct.length - 1] ^= 1;

        rejected("sealed_value_invalid", () -> world.setSecret.setSealed(acme.developer(), "acme", "api", "dev", World.change("K", null),
                SetSecret.Sealed.x25519(good.ephemeralPublicKey(), Base64.getEncoder().encodeToString(ct))));
        rejected("sealed_value_invalid", () -> world.setSecret.setSealed(acme.developer(), "acme", "api", "dev", World.change("K", null),
                SetSecret.Sealed.x25519(Base64.getEncoder().encodeToString(new byte[32]), good.encryptedValue())));
        var shortKey = rejected("invalid_public_key", () -> world.setSecret.setSealed(acme.developer(), "acme", "api", "dev",
                World.change("K", null), SetSecret.Sealed.x25519("AAAA", good.encryptedValue())));
        assertThat(shortKey.errors()).extracting(e -> e.field()).containsExactly("ephemeralPublicKey");
        rejected("validation_failed", () -> world.setSecret.setSealed(acme.developer(), "acme", "api", "dev", World.change("K", null),
                SetSecret.Sealed.x25519(good.ephemeralPublicKey(), "")));
        assertThat(world.secrets.all()).isEmpty();
    }

    @Test
    void setSealed_x25519ByViewer_isForbiddenBeforeAnythingIsOpened() {
        var key = world.sealingPair(acme.org());

        rejected("forbidden", () -> world.setSecret.setSealed(acme.viewer(), "acme", "api", "dev", World.change("K", null),
                sealed(key, "api", "dev", "K", "v")));
        assertThat(world.secrets.all()).isEmpty();
    }

    @Test
    void setSealed_x25519ToThePreviousKey_opensDuringTheGracePeriodOnly() {
        var old = world.sealingPair(acme.org());
        var rotated = world.orgPublicKey.rotate(acme.admin(), "acme");
        assertThat(rotated.x25519PublicKey()).isPresent().isNotEqualTo(old.x25519PublicKey());

        world.setSecret.setSealed(acme.developer(), "acme", "api", "dev", World.change("K", null), sealed(old, "api", "dev", "K", "old-key"));
        world.setSecret.setSealed(acme.developer(), "acme", "api", "dev", World.change("K", null), sealed(rotated, "api", "dev", "K", "new-key"));
        assertThat(world.storedValue(acme, "dev", "K")).contains("new-key");

        world.clock.advance(Duration.ofHours(25));
        rejected("sealed_value_invalid", () -> world.setSecret.setSealed(acme.developer(), "acme", "api", "dev", World.change("K", null),
                sealed(old, "api", "dev", "K", "too-late")));
        assertThat(world.storedValue(acme, "dev", "K")).contains("new-key");
    }

    @Test
    void importAll_x25519Entries_areOpenedEachForItsKey_oneBoundElsewhereRefusesTheBatch() {
        var key = world.sealingPair(acme.org());

        var r = world.bulkImportSecrets.importAll(acme.developer(), "acme", "api", "dev",
                List.of(World.change("A", null), World.change("B", null), World.change("C", "plain")),
                List.of(Optional.of(sealed(key, "api", "dev", "A", "a-value")), Optional.of(sealed(key, "api", "dev", "B", "b-value")),
                        Optional.empty()));
        assertThat(r).isEqualTo(new BulkImportSecrets.Result(3, 0, 0));
        assertThat(world.storedValue(acme, "dev", "A")).contains("a-value");
        assertThat(world.storedValue(acme, "dev", "B")).contains("b-value");

        // B's sealed value sent as A's: refused, and the whole batch with it.
        var swapped = rejected("sealed_value_invalid", () -> world.bulkImportSecrets.importAll(acme.developer(), "acme", "api", "dev",
                List.of(World.change("D", null), World.change("A", null)),
                List.of(Optional.of(sealed(key, "api", "dev", "D", "d-value")), Optional.of(sealed(key, "api", "dev", "B", "swapped")))));
        assertThat(swapped.errors()).extracting(e -> e.field()).containsExactly("secrets[1].encryptedValue");
        assertThat(world.storedValue(acme, "dev", "A")).contains("a-value");
        assertThat(world.storedValue(acme, "dev", "D")).isEmpty();
    }
}
