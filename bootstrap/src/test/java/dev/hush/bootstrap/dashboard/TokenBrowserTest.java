package dev.hush.bootstrap.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.bootstrap.support.Api;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The API tokens and audit log pages in real Chromium: create a token (shown once, with its Copy button), revoke
 * it, read the audit log; axe-core on every screen, screenshots under {@code target/screenshots}.
 */
class TokenBrowserTest extends BrowserTestCase {
    @Test
    void createsAToken_seesItOnce_revokesIt_andReadsTheAuditLog() throws Exception {
        String org = signUp("Linus", "linus@example.com", "correct horse battery");

        browser.follow("API tokens");
        browser.field("Token name").sendKeys("deploy");
        new Select(browser.field("Organization")).selectByVisibleText(org);
        browser.field("Environments").sendKeys("dev");
        browser.field("Read only").click();
        browser.field("Expires in days").sendKeys("30");
        assertThat(browser.field("Project").getAttribute("value")).isEmpty();
        browser.axe();
        browser.screenshot("tokens-new");
        browser.submit("Create token");

        var copy = browser.button("Copy token");
        String token = browser.driver().findElement(By.id("new-token")).getText();
        assertThat(token).startsWith("hush_tok_");
        assertThat(browser.text()).contains("shown only once");
        browser.axe();
        browser.screenshot("tokens-created");
        copy.click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(d -> !copy.getText().equals("Copy token"));
        assertThat(copy.getText()).startsWith("Cop"); // "Copied", or where headless Chromium has no clipboard, how to copy by hand
        var bearer = Api.anonymous(server.base).withToken(token);
        assertThat(bearer.get("/v1/auth/me").status()).isEqualTo(200);

        browser.follow("Done");
        var table = browser.driver().findElement(By.xpath("//table[caption[normalize-space()='Your API tokens']]"));
        assertThat(table.getText()).contains("deploy").contains("environments dev").contains("read only").doesNotContain(token);
        assertThat(browser.text()).doesNotContain("hush_tok_");
        browser.axe();
        browser.screenshot("tokens-list");
        browser.submit("Revoke deploy");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(d -> browser.text().contains("No API token yet."));
        assertThat(bearer.get("/v1/auth/me").status()).isEqualTo(401);

        browser.go(server.base.resolve("/orgs/" + org + "/projects"));
        browser.follow("Audit log");
        var log = browser.driver().findElement(By.xpath("//table[caption[normalize-space()='Audit log']]"));
        assertThat(log.getText()).contains("token.created").contains("linus@example.com");
        assertThat(browser.text()).containsPattern("The audit chain is intact: \\d+ events verified\\.");
        browser.axe();
        browser.screenshot("audit-log");
        browser.driver().findElement(By.xpath("//summary[normalize-space()='Filters']")).click();
        browser.field("Action").sendKeys("token.");
        browser.submit("Filter");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(d -> browser.url().getQuery() != null);
        assertThat(browser.text()).contains("Events 1 to 1 of 1");
        browser.axe();
        browser.screenshot("audit-log-filtered");
    }
}
