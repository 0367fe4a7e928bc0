package dev.hush.application.webhook;

import static dev.hush.application.fakes.Rejections.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import dev.hush.domain.plan.Limit;
import dev.hush.domain.plan.PlanLimits;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManageWebhooksTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void create_byAdmin_storesWrappedSecretShownOnceAndAudits() {
        var created = world.manageWebhooks.create(acme.admin(), "acme", "https://hooks.example.com/in", List.of("secret.created"), "ci");

        assertThat(created.secret()).startsWith("whsec_");
        assertThat(created.webhook().url()).isEqualTo("https://hooks.example.com/in");
        assertThat(world.webhooks.all()).singleElement().satisfies(w -> {
            assertThat(w.events()).containsExactly("secret.created");
            assertThat(new String(w.secretWrapped(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(created.secret().substring(6));
        });
        assertThat(world.manageWebhooks.list(acme.owner(), "acme")).hasSize(1);
        assertThat(world.auditActions(acme.org())).last().isEqualTo("webhook.created");
    }

    @Test
    void create_urlWithSurroundingSpaces_isCheckedAndStoredStripped() {
        var created = world.manageWebhooks.create(acme.admin(), "acme", "  https://hooks.example.com/in \n", List.of("secret.created"), null);
        assertThat(created.webhook().url()).isEqualTo("https://hooks.example.com/in");

        var updated = world.manageWebhooks.update(acme.admin(), "acme", created.webhook().id().toString(),
                java.util.Optional.of(" https://hooks.example.com/other "), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty());
        assertThat(updated.url()).isEqualTo("https://hooks.example.com/other");
    }

    @Test
    void create_privateTargetOrUnknownEvent_isRefused() {
        rejected("webhook_url_refused", () -> world.manageWebhooks.create(acme.owner(), "acme", "https://intranet.example.com/x", null, null));
        rejected("validation_failed", () -> world.manageWebhooks.create(acme.owner(), "acme", "https://hooks.example.com/x", List.of("user.created"), null));
        assertThat(world.webhooks.all()).isEmpty();
    }

    @Test
    void create_byDeveloper_isForbidden_pastLimit_isPaymentRequired() {
        rejected("forbidden", () -> world.manageWebhooks.create(acme.developer(), "acme", "https://hooks.example.com/x", null, null));
        rejected("forbidden", () -> world.manageWebhooks.list(acme.developer(), "acme"));
        world.tx.write(() -> {
            world.plans.setOverrides(acme.org().id(), new PlanLimits(Map.of(Limit.WEBHOOKS, 1L)));
            return null;
        });
        world.manageWebhooks.create(acme.owner(), "acme", "https://hooks.example.com/1", null, null);
        rejected("plan_limit_reached", () -> world.manageWebhooks.create(acme.owner(), "acme", "https://hooks.example.com/2", null, null));
        assertThat(world.webhooks.all()).hasSize(1);
    }

    @Test
    void updateRotateDelete_changeTheStoredWebhook() {
        var w = world.manageWebhooks.create(acme.owner(), "acme", "https://hooks.example.com/in", null, null).webhook();

        var updated = world.manageWebhooks.update(acme.owner(), "acme", w.id().toString(), Optional.empty(), Optional.of(List.of("secret.deleted")),
                Optional.of("new"), Optional.of(false));
        assertThat(updated.events()).containsExactly("secret.deleted");
        assertThat(updated.active()).isFalse();
        var rotated = world.manageWebhooks.rotateSecret(acme.owner(), "acme", w.id().toString());
        assertThat(rotated.webhook().secretWrapped()).isNotEqualTo(w.secretWrapped());

        world.manageWebhooks.delete(acme.owner(), "acme", w.id().toString());
        assertThat(world.webhooks.all()).isEmpty();
        assertThat(world.auditActions(acme.org())).endsWith("webhook.updated", "webhook.secret_rotated", "webhook.deleted");
    }

    @Test
    void get_otherOrganizationsWebhook_isNotFound() {
        var other = world.team("other");
        var w = world.manageWebhooks.create(other.owner(), "other", "https://hooks.example.com/in", null, null).webhook();

        rejected("webhook_not_found", () -> world.manageWebhooks.get(acme.owner(), "acme", w.id().toString()));
        rejected("webhook_not_found", () -> world.manageWebhooks.delete(acme.owner(), "acme", w.id().toString()));
        assertThat(world.webhooks.all()).hasSize(1);
    }

    @Test
    void testThenRedeliver_sendsSignedOnceAndQueuesAgain() {
        var created = world.manageWebhooks.create(acme.owner(), "acme", "https://hooks.example.com/in", null, null);
        String id = created.webhook().id().toString();

        var d = world.manageWebhooks.test(acme.owner(), "acme", id);

        assertThat(d.status()).isEqualTo("succeeded");
        assertThat(world.sender.sent()).singleElement().satisfies(s -> {
            String expected = DeliverWebhooks.sign(created.secret().getBytes(java.nio.charset.StandardCharsets.US_ASCII), s.headers().get("Hush-Webhook-Id"),
                    s.headers().get("Hush-Webhook-Timestamp"), s.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(s.headers().get("Hush-Webhook-Signature")).isEqualTo("v1=" + expected);
        });
        world.manageWebhooks.redeliver(acme.owner(), "acme", id, d.id().toString());
        assertThat(world.tx.read(() -> world.webhooks.delivery(created.webhook().id(), d.id())).orElseThrow().status()).isEqualTo("pending");
        rejected("delivery_in_progress", () -> world.manageWebhooks.redeliver(acme.owner(), "acme", id, d.id().toString()));
        assertThat(world.manageWebhooks.get(acme.owner(), "acme", id).attempts().get(d.id())).hasSize(1);
    }
}
