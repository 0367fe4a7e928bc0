package dev.hush.application.keys;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.crypto.SecretCipher;
import dev.hush.application.fakes.World;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RotateProjectKeyTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void rotateThenStep_reencryptsEveryValueAndRetiresOldKey() {
        world.set(acme.owner(), acme, "dev", "A", "one");
        world.set(acme.owner(), acme, "dev", "A", "two");
        world.set(acme.owner(), acme, "prod", "B", "three");
        var projectId = acme.api().project().id();

        var started = world.rotateProjectKey.rotate(acme.admin(), "acme", "api");

        assertThat(started.keyVersion()).isEqualTo(2);
        assertThat(started.rotation().total()).isEqualTo(3);
        assertThat(world.projects.byId(projectId).orElseThrow().keyVersion()).isEqualTo(2);
        rejected("rotation_in_progress", () -> world.rotateProjectKey.rotate(acme.admin(), "acme", "api"));

        assertThat(world.rotateProjectKey.step()).isTrue();
        var progress = world.rotateProjectKey.progress(acme.owner(), "acme", "api").orElseThrow();
        assertThat(progress.finishedAt()).isPresent();
        assertThat(progress.done()).isEqualTo(3);
        assertThat(world.secrets.all().stream().flatMap(s -> world.secrets.storedVersions(s.id()).stream()))
                .allSatisfy(v -> assertThat(SecretCipher.keyVersionOf(v.value())).isEqualTo(2));
        assertThat(world.projects.dataKeyVersions(projectId)).containsExactly(1, 2);

        world.clock.advance(Duration.ofMinutes(2));
        assertThat(world.rotateProjectKey.step()).isTrue();
        assertThat(world.projects.dataKeyVersions(projectId)).containsExactly(2);
        assertThat(world.keyRotations.keysRetiredAt(projectId)).isPresent();
        assertThat(world.rotateProjectKey.step()).isFalse();
        assertThat(world.storedValue(acme, "dev", "A")).contains("two");
        assertThat(world.storedValue(acme, "prod", "B")).contains("three");
        assertThat(world.auditActions(acme.org())).contains("project.key_rotated");
    }

    @Test
    void rotate_byDeveloper_isForbiddenAndChangesNothing() {
        rejected("forbidden", () -> world.rotateProjectKey.rotate(acme.developer(), "acme", "api"));
        assertThat(world.projects.dataKeyVersions(acme.api().project().id())).containsExactly(1);
        assertThat(world.rotateProjectKey.progress(acme.owner(), "acme", "api")).isEmpty();
    }

    @Test
    void step_kmsDown_pausesTheRotationAndRollsBackTheBatch() {
        world.set(acme.owner(), acme, "dev", "A", "one");
        world.rotateProjectKey.rotate(acme.owner(), "acme", "api");
        // A cold cache and an unreachable KMS: the batch cannot open the keys.
        world.rootKeys.down(true);
        world.keys.forgetOrganization(acme.org().id());
        world.keys.forgetProject(acme.api().project().id(), 2);

        rejected("kms_unavailable", world.rotateProjectKey::step);

        world.rootKeys.down(false);
        var projectId = acme.api().project().id();
        assertThat(world.keyRotations.pausedUntil(projectId)).isPresent();
        assertThat(world.rotateProjectKey.progress(acme.owner(), "acme", "api").orElseThrow().finishedAt()).isEmpty();
        assertThat(world.rotateProjectKey.step()).isFalse();
        world.clock.advance(Duration.ofMinutes(2));
        assertThat(world.rotateProjectKey.step()).isTrue();
        assertThat(world.storedValue(acme, "dev", "A")).contains("one");
    }
}
