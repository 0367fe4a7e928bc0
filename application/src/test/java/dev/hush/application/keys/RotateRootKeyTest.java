package dev.hush.application.keys;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.InMemoryRootKeys;
import dev.hush.application.fakes.World;
import dev.hush.domain.audit.AuditEvent;
import org.junit.jupiter.api.Test;

class RotateRootKeyTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void rotate_byPlatformAdmin_rewrapsEveryKekToTheNewVersionOnce() {
        var other = world.team("other");
        world.set(acme.owner(), acme, "dev", "K", "v");
        world.rootKeys.rotate();
        var admin = World.session(world.platformAdmin("root@example.com"));

        var r = world.rotateRootKey.rotate(admin, world.rootKeys);

        assertThat(r.organizations()).isEqualTo(2);
        assertThat(r.rewrapped()).isEqualTo(2);
        assertThat(r.keyVersion()).isEqualTo("2");
        assertThat(world.organizations.storedKek(acme.org().id())).hasValueSatisfying(k -> assertThat(k.keyVersion()).isEqualTo("2"));
        assertThat(world.auditActions(other.org())).last().isEqualTo("kms.org_key.rewrapped");
        assertThat(world.platformActions()).last().isEqualTo("kms.root_key.rotated");
        world.keys.forgetOrganization(acme.org().id());
        world.keys.forgetProject(acme.api().project().id(), 1);
        assertThat(world.storedValue(acme, "dev", "K")).contains("v");

        var again = world.rotateRootKey.rotate(admin, world.rootKeys);
        assertThat(again.rewrapped()).isZero();
        assertThat(again.alreadyCurrent()).isEqualTo(2);
    }

    @Test
    void rewrapAll_toAnotherProvider_leavesNothingOnTheOld() {
        var target = new InMemoryRootKeys("new-kms");

        var r = world.rotateRootKey.rewrapAll(world.rootKeys, target);

        assertThat(r.rewrapped()).isEqualTo(1);
        assertThat(world.tx.read(world.organizations::rootKeyIds)).containsExactly("new-kms");
    }

    @Test
    void rotate_byOrdinaryUser_isForbidden() {
        rejected("forbidden", () -> world.rotateRootKey.rotate(acme.owner(), world.rootKeys));
        assertThat(world.auditLog.events(AuditEvent.PLATFORM)).isEmpty();
        assertThat(world.organizations.storedKek(acme.org().id())).hasValueSatisfying(k -> assertThat(k.keyVersion()).isEqualTo("1"));
    }
}
