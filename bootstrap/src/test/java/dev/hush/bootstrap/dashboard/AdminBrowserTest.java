package dev.hush.bootstrap.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.bootstrap.support.Browser;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The billing and admin pages in real Chromium, as the instance's first account (its platform admin): the billing
 * page from the navigation, the admin overview, an organization's overrides, a plan's limits and the root key's
 * rotation; axe-core on every screen, screenshots under {@code target/screenshots}.
 */
class AdminBrowserTest {
    static Path dir;
    static TestServer server;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("hush-admin-browser");
        server = TestServer.start(dir.resolve("data"));
    }

    @BeforeEach
    void browser() {
        if (browser == null) {
            browser = Browser.open();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        server.close();
        TestFiles.deleteTree(dir);
    }

    @Test
    void billingAndAdminPages_workAndPassAxe() throws Exception {
        browser.go(server.base.resolve("/signup"));
        browser.field("Name").sendKeys("Grace");
        browser.field("Email").sendKeys("grace@example.com");
        browser.field("Password").sendKeys("correct horse battery");
        browser.submit("Create account");
        browser.field("Project name");
        String org = browser.url().getPath().split("/")[2];

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
