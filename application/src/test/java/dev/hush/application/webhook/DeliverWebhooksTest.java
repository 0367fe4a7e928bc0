package dev.hush.application.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.application.fakes.World;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliverWebhooksTest {
    private final World world = new World();
    private final World.Team acme = world.team("acme");

    @Test
    void step_dueDelivery_isSentSignedAndMarkedSucceeded() {
        world.manageWebhooks.create(acme.owner(), "acme", "https://hooks.example.com/in", null, null);
        world.set(acme.owner(), acme, "dev", "K", "secret-value");

        assertThat(world.deliverWebhooks.step(10)).isEqualTo(1);

        assertThat(world.sender.sent()).singleElement().satisfies(s -> {
            assertThat(s.target().host()).isEqualTo("hooks.example.com");
            assertThat(s.headers()).containsEntry("Hush-Webhook-Event", "secret.created").containsKey("Hush-Webhook-Signature");
            assertThat(s.body()).contains("\"K\"").doesNotContain("secret-value");
        });
        assertThat(world.webhooks.allDeliveries()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo("succeeded");
            assertThat(d.attempts()).isEqualTo(1);
        });
        assertThat(world.deliverWebhooks.step(10)).isZero();
    }

    @Test
    void step_failingTarget_retriesWithBackoffThenFails() {
        world.manageWebhooks.create(acme.owner(), "acme", "https://hooks.example.com/in", null, null);
        world.set(acme.owner(), acme, "dev", "K", "v");
        world.sender.answer(500);

        world.deliverWebhooks.step(10);
        var d = world.webhooks.allDeliveries().get(0);
        assertThat(d.status()).isEqualTo("pending");
        assertThat(d.nextAttemptAt()).contains(world.clock.instant().plus(Duration.ofSeconds(10)));
        assertThat(world.deliverWebhooks.step(10)).isZero();

        for (int i = 0; i < 5; i++) {
            world.clock.advance(Duration.ofHours(1));
            world.deliverWebhooks.step(10);
        }
        d = world.webhooks.allDeliveries().get(0);
        assertThat(d.status()).isEqualTo("failed");
        assertThat(d.attempts()).isEqualTo(6);
        assertThat(world.sender.sent()).hasSize(6);
    }

    @Test
    void step_disabledWebhook_failsWithoutSending() {
        var w = world.manageWebhooks.create(acme.owner(), "acme", "https://hooks.example.com/in", null, null).webhook();
        world.set(acme.owner(), acme, "dev", "K", "v");
        world.manageWebhooks.update(acme.owner(), "acme", w.id().toString(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.of(false));

        world.deliverWebhooks.step(10);

        assertThat(world.sender.sent()).isEmpty();
        assertThat(world.webhooks.allDeliveries()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo("failed");
            assertThat(d.lastError()).hasValueSatisfying(e -> assertThat(e).contains("disabled"));
        });
    }
}
