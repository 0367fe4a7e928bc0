package dev.hush.bootstrap.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The billing and admin pages in real Chromium, as the instance's first account (its platform admin): the billing
 * page from the navigation, the admin overview, an organization's overrides, a plan's limits and the root key's
 * rotation; axe-core on every screen, screenshots under {@code target/screenshots}.
 */
class AdminBrowserTest extends BrowserTestCase {
    @Test
    void billingAndAdminPages_workAndPassAxe() throws Exception {
        String org = signUp("Grace", "grace@example.com", "correct horse battery");

        browser.follow("Billing");
        assertThat(browser.text()).contains("Self-hosted: no limits.");
        assertThat(browser.driver().findElement(By.xpath("//table[caption[normalize-space()='Usage and limits']]")).getText())
                .contains("API requests this month");
        browser.axe();
        browser.screenshot("billing-self-hosted");

        browser.go(server.base.resolve("/admin"));
        assertThat(browser.text()).contains("Statistics").contains("Rotate the root key");
        browser.axe();
        browser.screenshot("admin");

        browser.follow("Edit " + org);
        new Select(browser.field("Plan")).selectByVisibleText("team");
        browser.field("Members").sendKeys("10");
        browser.axe();
        browser.screenshot("admin-org");
        browser.submit("Save " + org);
        assertThat(browser.field("Members").getAttribute("value")).isEqualTo("10");
        assertThat(new Select(browser.field("Plan")).getFirstSelectedOption().getText()).isEqualTo("team");

        browser.go(server.base.resolve("/admin/plans/pro"));
        browser.field("Projects").sendKeys("30");
        browser.axe();
        browser.screenshot("admin-plan");
        browser.submit("Save plan pro");
        var plans = browser.driver().findElement(By.xpath("//table[caption[normalize-space()='Plans and their limits']]"));
        assertThat(plans.getText()).contains("Projects 30");

        browser.field("Type rotate to confirm").sendKeys("rotate");
        browser.submit("Rotate root key");
        assertThat(browser.text()).contains("Root key rotated").contains("organization keys rewrapped");
        browser.axe();
        browser.screenshot("admin-root-key-rotated");
    }
}
