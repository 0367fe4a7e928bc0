package dev.hush.application.sealed;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
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
    void rotate_byAdmin_makesVersionTwoAndRetiresTheOld() {
        var first = world.sealingPair(acme.org());

        var rotated = world.orgPublicKey.rotate(acme.admin(), "acme");

        assertThat(rotated.version()).isEqualTo(2);
        assertThat(rotated.pem()).isNotEqualTo(first.pem());
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
