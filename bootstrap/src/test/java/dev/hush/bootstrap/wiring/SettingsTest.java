package dev.hush.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hush.bootstrap.StartupFailure;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings are typed records with one default each, checked at start with a message that names the variable. */
class SettingsTest {
    @Test
    void records_carryTheDocumentedDefaults() {
        assertThat(new KeySettings.Cache(10000, Duration.ofMinutes(5)).maxEntries()).isEqualTo(10000);
        assertThat(new WebhookSettings(null, Duration.ofSeconds(10), 6, Duration.ofSeconds(15)).deadline()).hasSeconds(15);
        assertThat(new CoreSettings("./hush-data", " a@example.com, B@Example.com ,").adminEmailSet())
                .containsExactlyInAnyOrder("a@example.com", "b@example.com");
        assertThat(new MailSettings.Smtp("smtp.example", 587, "u", "hunter2", true).toString()).doesNotContain("hunter2");
        assertThat(new BillingSettings.Stripe("sk_live_x", "whsec_1, whsec_2", null).webhookSecrets()).containsExactly("whsec_1", "whsec_2");
        assertThat(new BillingSettings.Stripe("sk_live_x", "whsec_1", null).toString()).doesNotContain("sk_live_x").doesNotContain("whsec_1");
    }

    @Test
    void invalidValues_stopTheServerAtStart_withAMessageNamingTheVariable() throws Exception {
        Path dir = Files.createTempDirectory("hush-settings");
        try {
            Map<String, String> refused = Map.of(
                    "hush.key-cache.max-entries", "HUSH_KEY_CACHE_MAX_ENTRIES must be at least 1",
                    "hush.webhooks.deadline", "HUSH_WEBHOOKS_DEADLINE must be at most 5m",
                    "hush.billing.provider", "HUSH_BILLING_PROVIDER must be none or stripe",
                    "hush.mail.provider", "HUSH_MAIL_PROVIDER must be outbox or smtp",
                    "hush.pull-cache.max-mb", "HUSH_PULL_CACHE_MAX_MB must be between 0 and 65536",
                    "hush.watch.heartbeat", "HUSH_WATCH_HEARTBEAT must be between 1s and 10m");
            Map<String, Object> values = Map.of("hush.key-cache.max-entries", 0, "hush.webhooks.deadline", "10m",
                    "hush.billing.provider", "paypal", "hush.mail.provider", "pigeon", "hush.pull-cache.max-mb", -1,
                    "hush.watch.heartbeat", "100ms");
            for (var e : refused.entrySet()) {
                assertThatThrownBy(() -> TestServer.start(dir, Map.of(), Map.of(e.getKey(), values.get(e.getKey()))))
                        .as(e.getKey())
                        .satisfies(t -> assertThat(StartupFailure.describe(t)).startsWith(e.getValue()));
            }
            assertThatThrownBy(() -> TestServer.start(dir, Map.of(), Map.of("hush.mail.provider", "smtp")))
                    .satisfies(t -> assertThat(StartupFailure.describe(t)).isEqualTo("HUSH_MAIL_PROVIDER=smtp needs HUSH_SMTP_HOST"));
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
