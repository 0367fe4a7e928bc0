package dev.hush.bootstrap.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Webhooks and a project's template in real Chromium: create a webhook to a local receiver (allowed by
 * {@code hush.webhooks.allow}), see its secret once, send a test and read it in the delivery log; then add a
 * required key on the template page and see what each environment misses. axe-core on every screen, screenshots
 * under {@code target/screenshots}.
 */
class WebhookBrowserTest extends BrowserTestCase {
    static HttpServer receiver;
    static final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();

    @Override
    Map<String, Object> serverSettings() {
        return Map.of("hush.webhooks.allow", "127.0.0.1/32", "hush.webhooks.interval", "100ms", "hush.webhooks.deadline", "2s");
    }

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/hook", ex -> {
            ex.getRequestBody().readAllBytes();
            received.add(ex.getRequestHeaders().getFirst("Hush-Webhook-Event"));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void createsAWebhook_sendsATest_readsTheDeliveryLog_andAddsARequiredKey() throws Exception {
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        String org = signUp("Grace", "grace@example.com", "correct horse battery");
        browser.field("Project name").sendKeys("Web");
        browser.submit("Create project");

        browser.follow("Webhooks");
        assertThat(browser.text()).contains("No webhook yet.");
        browser.field("URL").sendKeys(hook);
        browser.field("secret.created").click();
        browser.field("secret.promoted").click();
        browser.field("Description").sendKeys("deploy bot");
        browser.axe();
        browser.screenshot("webhooks-new");
        browser.submit("Create webhook");

        String secret = browser.driver().findElement(By.id("webhook-secret")).getText();
        assertThat(secret).startsWith("whsec_");
        assertThat(browser.text()).contains("shown only once", "Events: secret.created, secret.promoted");
        browser.axe();
        browser.screenshot("webhook-created");
        browser.follow("Done");

        assertThat(browser.text()).contains("No delivery yet.").doesNotContain(secret);
        browser.submit("Send test");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> browser.text().contains("Test event sent"));
        var log = browser.driver().findElement(By.xpath("//table[caption[normalize-space()='Deliveries, newest first']]"));
        assertThat(log.getText()).contains("webhook.test", "succeeded", "HTTP 204");
        assertThat(received).contains("webhook.test");
        browser.button("Redeliver webhook.test of " + log.findElement(By.xpath(".//tbody/tr[1]/td[1]")).getText());
        browser.axe();
        browser.screenshot("webhook-delivery-log");

        browser.follow("Back to the webhooks");
        var table = browser.driver().findElement(By.xpath("//table[caption[normalize-space()='Webhooks']]"));
        assertThat(table.getText()).contains(hook, "secret.created, secret.promoted", "deploy bot").doesNotContain("whsec_");
        browser.axe();
        browser.screenshot("webhooks-list");

        browser.go(server.base.resolve("/orgs/" + org + "/projects/web/templates"));
        assertThat(browser.text()).contains("No required key yet.");
        browser.field("Key").sendKeys("DATABASE_URL");
        browser.field("Description").sendKeys("The primary database");
        browser.axe();
        browser.submit("Add key");
        assertThat(browser.text()).contains("Required key added.");
        var required = browser.driver().findElement(By.xpath("//table[caption[normalize-space()='Required keys']]"));
        assertThat(required.getText()).contains("DATABASE_URL", "The primary database");
        var checks = browser.driver().findElement(By.xpath("//table[caption[normalize-space()='Environments checked against the template']]"));
        assertThat(checks.getText()).contains("dev 1 missing DATABASE_URL none");
        browser.button("Remove DATABASE_URL");
        browser.axe();
        browser.screenshot("template");
        browser.follow("Back to the matrix");
        assertThat(browser.url().getPath()).isEqualTo("/orgs/" + org + "/projects/web");
    }
}
