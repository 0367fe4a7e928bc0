package dev.hush.application.keys;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.crypto.SecretCipher;
import dev.hush.application.fakes.World;
import dev.hush.domain.secret.EncryptedValue;
import dev.hush.domain.secret.Secret;
import dev.hush.domain.secret.SecretKey;
import dev.hush.domain.secret.SecretValue;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
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

    /** The use case with other batch limits, on the same fakes. */
    RotateProjectKey withBatches(int size, long bytes) {
        return new RotateProjectKey(world.tenancy, world.apiUsage, world.keyRotations, world.keys, world.cipher, world.tx, world.clock,
                Duration.ofMinutes(1), world.audit, size, bytes);
    }

    SecretCipher.Place place(String env, String key) {
        return new SecretCipher.Place(acme.org().id(), acme.api().project().id(), acme.env(env).id(), new SecretKey(key));
    }

    Secret secret(String env, String key) {
        return world.tx.read(() -> world.secrets.find(acme.env(env).id(), new SecretKey(key))).orElseThrow();
    }

    @Test
    void step_valuesWrittenWhileTheBatchWasReencrypted_areLeftAsWritten() {
        world.set(acme.owner(), acme, "dev", "A", "one");
        world.set(acme.owner(), acme, "dev", "B", "two");
        Secret b = secret("dev", "B");
        UUID user = acme.developerUser().id();
        world.tx.write(() -> {
            world.overrides.upsert(b.id(), user, world.cipher.encryptPersonal(place("dev", "B"), user, 1, SecretValue.of("v", "mine")), world.clock.instant());
            return null;
        });
        world.rotateProjectKey.rotate(acme.owner(), "acme", "api");
        Secret a = secret("dev", "A");
        // Between the batch's read and its write: another node re-encrypted A, and the user saved a new personal value.
        EncryptedValue byOtherNode = world.tx.read(() -> world.cipher.encrypt(place("dev", "A"), 1, 2, SecretValue.of("v", "one")));
        EncryptedValue saved = world.tx.read(() -> world.cipher.encryptPersonal(place("dev", "B"), user, 2, SecretValue.of("v", "mine, newer")));
        world.keyRotations.beforeReplace(() -> {
            world.secrets.overwriteCiphertext(a.id(), 1, byOtherNode);
            world.overrides.upsert(b.id(), user, saved, world.clock.instant());
        });

        assertThat(world.rotateProjectKey.step()).isTrue();

        assertThat(world.secrets.storedVersions(a.id()).get(0).value()).as("not rewritten over the other node's").isEqualTo(byOtherNode);
        assertThat(world.tx.read(() -> world.overrides.find(b.id(), user))).as("the user's write wins").contains(saved);
        try (SecretValue mine = world.cipher.decryptPersonal(place("dev", "B"), user, saved)) {
            assertThat(mine.text()).isEqualTo("mine, newer");
        }
        assertThat(SecretCipher.keyVersionOf(world.secrets.storedVersions(b.id()).get(0).value())).as("the rest of the batch").isEqualTo(2);
        assertThat(world.rotateProjectKey.progress(acme.owner(), "acme", "api").orElseThrow().finishedAt()).isPresent();
        assertThat(world.storedValue(acme, "dev", "A")).contains("one");
    }

    @Test
    void step_personalValues_areReencryptedWithTheUserBound() {
        world.set(acme.owner(), acme, "dev", "P", "shared");
        Secret p = secret("dev", "P");
        UUID user = acme.developerUser().id();
        world.tx.write(() -> {
            world.overrides.upsert(p.id(), user, world.cipher.encryptPersonal(place("dev", "P"), user, 1, SecretValue.of("v", "mine")), world.clock.instant());
            return null;
        });
        world.rotateProjectKey.rotate(acme.owner(), "acme", "api");

        assertThat(world.rotateProjectKey.step()).isTrue();

        EncryptedValue stored = world.tx.read(() -> world.overrides.find(p.id(), user)).orElseThrow();
        assertThat(SecretCipher.keyVersionOf(stored)).isEqualTo(2);
        try (SecretValue mine = world.cipher.decryptPersonal(place("dev", "P"), user, stored)) {
            assertThat(mine.text()).isEqualTo("mine");
        }
    }

    @Test
    void step_interruptedBetweenBatches_resumesFromTheCursorAndFinishes() {
        for (int i = 0; i < 7; i++) {
            world.set(acme.owner(), acme, i % 2 == 0 ? "dev" : "prod", "K" + i, "value-" + i);
        }
        RotateProjectKey job = withBatches(3, Long.MAX_VALUE);
        job.rotate(acme.owner(), "acme", "api");
        assertThat(job.step()).isTrue();
        assertThat(job.progress(acme.owner(), "acme", "api").orElseThrow().done()).isEqualTo(3);
        // The next batch fails half way (the KMS is gone and the keys are no longer cached): nothing of it stays.
        world.rootKeys.down(true);
        world.keys.forgetOrganization(acme.org().id());
        world.keys.forgetProject(acme.api().project().id(), 2);
        rejected("kms_unavailable", job::step);
        assertThat(job.progress(acme.owner(), "acme", "api").orElseThrow().done()).isEqualTo(3);
        world.rootKeys.down(false);
        world.clock.advance(Duration.ofMinutes(2));

        // A new instance, as after a restart: it goes on from the stored cursor.
        RotateProjectKey restarted = withBatches(3, Long.MAX_VALUE);
        assertThat(restarted.step()).isTrue();
        assertThat(restarted.progress(acme.owner(), "acme", "api").orElseThrow().done()).isEqualTo(6);
        assertThat(restarted.step()).isTrue();

        var finished = restarted.progress(acme.owner(), "acme", "api").orElseThrow();
        assertThat(finished.finishedAt()).isPresent();
        assertThat(finished.done()).isEqualTo(7);
        assertThat(world.secrets.all().stream().flatMap(s -> world.secrets.storedVersions(s.id()).stream()))
                .allSatisfy(v -> assertThat(SecretCipher.keyVersionOf(v.value())).isEqualTo(2));
        for (int i = 0; i < 7; i++) {
            assertThat(world.storedValue(acme, i % 2 == 0 ? "dev" : "prod", "K" + i)).contains("value-" + i);
        }
    }

    @Test
    void step_batchesCutBySize_stillCoverEveryValue() {
        for (int i = 0; i < 3; i++) {
            world.set(acme.owner(), acme, "dev", "K" + i, "value-" + i);
        }
        // One byte: every batch ends after its first value; the step after the last value sees an empty batch and finishes.
        RotateProjectKey job = withBatches(100, 1);
        job.rotate(acme.owner(), "acme", "api");
        for (int i = 0; i < 3; i++) {
            assertThat(job.step()).isTrue();
            assertThat(job.progress(acme.owner(), "acme", "api").orElseThrow().finishedAt()).isEmpty();
        }
        assertThat(job.step()).isTrue();
        assertThat(job.progress(acme.owner(), "acme", "api").orElseThrow().finishedAt()).isPresent();
        assertThat(world.secrets.all().stream().flatMap(s -> world.secrets.storedVersions(s.id()).stream()))
                .allSatisfy(v -> assertThat(SecretCipher.keyVersionOf(v.value())).isEqualTo(2));
    }

    @Test
    void retire_valueWrittenWithTheOldKeyAfterTheJobPassed_isReencryptedBeforeTheOldKeyIsDeleted() {
        world.set(acme.owner(), acme, "dev", "A", "one");
        world.rotateProjectKey.rotate(acme.owner(), "acme", "api");
        assertThat(world.rotateProjectKey.step()).isTrue();
        // A write that began before the rotation and committed after the job passed its row: still on version 1.
        Secret a = secret("dev", "A");
        EncryptedValue late = world.tx.read(() -> world.cipher.encrypt(place("dev", "A"), 1, 1, SecretValue.of("v", "late")));
        world.secrets.overwriteCiphertext(a.id(), 1, late);

        world.clock.advance(Duration.ofMinutes(2));
        assertThat(world.rotateProjectKey.step()).isTrue();

        assertThat(world.projects.dataKeyVersions(acme.api().project().id())).containsExactly(2);
        assertThat(SecretCipher.keyVersionOf(world.secrets.storedVersions(a.id()).get(0).value())).isEqualTo(2);
        assertThat(world.storedValue(acme, "dev", "A")).contains("late");
    }
}
