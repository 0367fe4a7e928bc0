package dev.hush.application.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.application.crypto.RsaOaep;
import dev.hush.application.fakes.World;
import dev.hush.domain.Rejection;
import dev.hush.domain.plan.Limit;
import dev.hush.domain.plan.PlanLimits;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SetSecretTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void set_newKey_storesEncryptedVersionAuditsAndQueuesWebhook() {
        world.manageWebhooks.create(acme.owner(), "acme", "https://hooks.example.com/in", null, null);

        SetSecret.Result r = world.set(acme.developer(), acme, "dev", "DB_URL", "postgres://x");

        assertThat(r.created()).isTrue();
        assertThat(r.changed()).isTrue();
        assertThat(r.secret().version()).isEqualTo(1);
        assertThat(world.storedValue(acme, "dev", "DB_URL")).contains("postgres://x");
        var stored = world.secrets.stored(acme.env("dev").id(), "DB_URL").orElseThrow();
        assertThat(world.secrets.storedVersions(stored.id())).singleElement()
                .satisfies(v -> assertThat(new String(v.value().bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("postgres://x"));
        assertThat(world.auditActions(acme.org())).endsWith("secret.created");
        assertThat(world.webhooks.allDeliveries()).singleElement().satisfies(d -> {
            assertThat(d.event()).isEqualTo("secret.created");
            assertThat(d.payload()).contains("DB_URL").doesNotContain("postgres://x");
        });
    }

    @Test
    void restore_earlierVersion_becomesANewVersion_andIsAudited() {
        world.set(acme.developer(), acme, "prod", "K", "one");
        world.set(acme.developer(), acme, "prod", "K", "two");

        SetSecret.Result r = world.setSecret.restore(acme.developer(), "acme", "api", "prod", "K", 1);

        assertThat(r.changed()).isTrue();
        assertThat(r.secret().version()).isEqualTo(3);
        assertThat(world.storedValue(acme, "prod", "K")).contains("one");
        var stored = world.secrets.stored(acme.env("prod").id(), "K").orElseThrow();
        assertThat(world.secrets.storedVersions(stored.id())).hasSize(3);
        assertThat(world.auditActions(acme.org())).endsWith("secret.updated");
    }

    @Test
    void restore_byViewer_orUnknownVersion_isRefused_andWritesNothing() {
        world.set(acme.developer(), acme, "dev", "K", "one");
        var stored = world.secrets.stored(acme.env("dev").id(), "K").orElseThrow();

        assertThatThrownBy(() -> world.setSecret.restore(acme.viewer(), "acme", "api", "dev", "K", 1))
                .isInstanceOfSatisfying(Rejection.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
        assertThatThrownBy(() -> world.setSecret.restore(acme.developer(), "acme", "api", "dev", "K", 7))
                .isInstanceOfSatisfying(Rejection.class, e -> assertThat(e.code()).isEqualTo("version_not_found"));
        assertThat(world.secrets.storedVersions(stored.id())).hasSize(1);
    }

    @Test
    void set_changedValue_addsVersionAndAuditsUpdate() {
        world.set(acme.developer(), acme, "dev", "K", "one");

        SetSecret.Result r = world.set(acme.developer(), acme, "dev", "K", "two");

        assertThat(r.created()).isFalse();
        assertThat(r.changed()).isTrue();
        assertThat(r.secret().version()).isEqualTo(2);
        assertThat(world.storedValue(acme, "dev", "K")).contains("two");
        assertThat(world.auditActions(acme.org())).endsWith("secret.created", "secret.updated");
    }

    @Test
    void set_sameValueByReader_changesNothing() {
        world.set(acme.developer(), acme, "dev", "K", "same");
        long versions = world.secrets.versionCount();
        int events = world.auditActions(acme.org()).size();

        SetSecret.Result r = world.set(acme.developer(), acme, "dev", "K", "same");

        assertThat(r.changed()).isFalse();
        assertThat(world.secrets.versionCount()).isEqualTo(versions);
        assertThat(world.auditActions(acme.org())).hasSize(events);
    }

    @Test
    void set_sameValueByWriterWhoMayNotRead_isANewVersionAnyway() {
        // A developer may write prod but not read it: "unchanged" would tell them the value.
        world.set(acme.owner(), acme, "prod", "K", "same");

        SetSecret.Result r = world.set(acme.developer(), acme, "prod", "K", "same");

        assertThat(r.changed()).isTrue();
        assertThat(r.secret().version()).isEqualTo(2);
    }

    @Test
    void set_byViewer_isForbiddenAndWritesNothing() {
        assertThatThrownBy(() -> world.set(acme.viewer(), acme, "dev", "K", "v"))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("forbidden"));
        assertThat(world.secrets.all()).isEmpty();
        assertThat(world.auditActions(acme.org())).doesNotContain("secret.created");
    }

    @Test
    void set_inAnotherOrganization_isNotFound() {
        World.Team other = world.team("other");

        assertThatThrownBy(() -> world.setSecret.set(other.owner(), "acme", "api", "dev", World.change("K", "v")))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("organization_not_found"));
        assertThat(world.secrets.all()).isEmpty();
    }

    @Test
    void set_unknownEnvironment_isNotFound() {
        assertThatThrownBy(() -> world.set(acme.owner(), acme, "qa", "K", "v"))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("environment_not_found"));
    }

    @Test
    void set_tokenNotCoveringEnvironment_isNotFound() {
        var token = World.token(acme.owner().user(), new dev.hush.domain.access.TokenScope(java.util.Optional.empty(), Set.of(), Set.of("dev"),
                Set.of(dev.hush.domain.access.Permission.READ, dev.hush.domain.access.Permission.WRITE)));

        assertThatThrownBy(() -> world.set(token, acme, "prod", "K", "v"))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("environment_not_found"));
    }

    @Test
    void set_pastSecretsLimit_isPaymentRequiredAndRollsBack() {
        world.tx.write(() -> {
            world.plans.setOverrides(acme.org().id(), new PlanLimits(Map.of(Limit.SECRETS_PER_PROJECT, 1L)));
            return null;
        });
        world.set(acme.owner(), acme, "dev", "A", "1");

        assertThatThrownBy(() -> world.set(acme.owner(), acme, "dev", "B", "2"))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("plan_limit_reached"));
        assertThat(world.secrets.all()).hasSize(1);
        // Updating an existing secret takes no new room.
        assertThat(world.set(acme.owner(), acme, "dev", "A", "1b").changed()).isTrue();
    }

    @Test
    void setSealed_valueSealedToOrgKey_isOpenedAndStored() throws Exception {
        var pub = world.sealingPair(acme.org());
        var publicKey = java.security.KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.X509EncodedKeySpec(
                Base64.getMimeDecoder().decode(pub.pem().replaceAll("-----[A-Z ]+-----", ""))));
        String sealed = Base64.getEncoder().encodeToString(RsaOaep.encrypt(publicKey, "s3cret".getBytes(StandardCharsets.UTF_8)));

        var r = world.setSecret.setSealed(acme.developer(), "acme", "api", "dev", World.change("SEALED", null), new SetSecret.Sealed(sealed, null));

        assertThat(r.created()).isTrue();
        assertThat(world.storedValue(acme, "dev", "SEALED")).contains("s3cret");
    }

    @Test
    void setSealed_garbage_isRefusedWithOneCode() {
        world.sealingPair(acme.org());

        assertThatThrownBy(() -> world.setSecret.setSealed(acme.developer(), "acme", "api", "dev", World.change("S", null),
                new SetSecret.Sealed(Base64.getEncoder().encodeToString(new byte[384]), null)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("sealed_value_invalid"));
        assertThat(world.secrets.all()).isEmpty();
    }
}
