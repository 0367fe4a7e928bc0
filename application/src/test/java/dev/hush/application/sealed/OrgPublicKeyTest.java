package dev.hush.application.sealed;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.application.port.SealingKeys;
import org.junit.jupiter.api.Test;

class OrgPublicKeyTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void get_anyMember_seesTheCurrentKey_ensureKeepsIt() {
        var first = world.sealingPair(acme.org());

        var seen = world.orgPublicKey.get(acme.viewer(), "acme");
        world.orgPublicKey.ensure(acme.org().id());

        assertThat(seen.pem()).isEqualTo(first.pem()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(world.sealingKeys.stored(acme.org().id())).hasSize(1);
        rejected("organization_not_found", () -> world.orgPublicKey.get(World.session(world.user("x@example.com")), "acme"));
    }

    @Test
    void get_publishesTheX25519Half_aPairMadeBeforeItGetsOneOnce() {
        // A version stored before X25519 sealed writes: RSA only.
        world.tx.write(() -> {
            world.sealingKeys.insert(new SealingKeys.Stored(acme.org().id(), 1, new byte[] {1}, new byte[] {2}, world.clock.instant(),
                    java.util.Optional.empty()));
            return null;
        });

        var seen = world.orgPublicKey.get(acme.developer(), "acme");
        var again = world.orgPublicKey.get(acme.viewer(), "acme");

        assertThat(seen.orgId()).isEqualTo(acme.org().id());
        assertThat(seen.version()).isEqualTo(1);
        assertThat(java.util.Base64.getDecoder().decode(seen.x25519PublicKey().orElseThrow())).hasSize(32);
        assertThat(again.x25519PublicKey()).isEqualTo(seen.x25519PublicKey());
        assertThat(world.sealingKeys.stored(acme.org().id())).singleElement().satisfies(k -> {
            assertThat(k.x25519()).isPresent();
            assertThat(k.x25519().get().privateWrapped()).hasSizeGreaterThan(32);
        });
    }

    @Test
    void ensure_newOrganization_getsBothHalves() {
        world.orgPublicKey.ensure(acme.org().id());

        assertThat(world.sealingKeys.stored(acme.org().id())).singleElement().satisfies(k -> assertThat(k.x25519()).isPresent());
    }

    @Test
    void rotate_byAdmin_makesVersionTwoAndRetiresTheOld() {
        var first = world.sealingPair(acme.org());

        var rotated = world.orgPublicKey.rotate(acme.admin(), "acme");

        assertThat(rotated.version()).isEqualTo(2);
        assertThat(rotated.pem()).isNotEqualTo(first.pem());
        assertThat(rotated.x25519PublicKey()).isPresent().isNotEqualTo(first.x25519PublicKey());
        assertThat(world.sealingKeys.stored(acme.org().id())).extracting(k -> k.retiredAt().isPresent()).containsExactly(false, true);
        assertThat(world.auditActions(acme.org())).last().isEqualTo("org.key_pair.rotated");
    }

    @Test
    void rotate_byDeveloper_isForbidden() {
        world.sealingPair(acme.org());

        rejected("forbidden", () -> world.orgPublicKey.rotate(acme.developer(), "acme"));
        assertThat(world.sealingKeys.stored(acme.org().id())).hasSize(1);
    }
}
