package dev.hush.bootstrap.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hush.bootstrap.support.Api;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real Chromium, as a new user uses it: elements found by their accessible names, axe-core on
 * every screen, a screenshot of each under {@code target/screenshots}.
 */
class DashboardBrowserTest extends BrowserTestCase {
    @Test
    void newUser_signsUp_createsAProject_setsAValue_seesItMissingInProd_revealsIt_andApprovesACliLogin() throws Exception {
        browser.go(server.base.resolve("/signup"));
        browser.axe();
        browser.screenshot("dashboard-signup");
        browser.field("Name").sendKeys("Grace");
        browser.field("Email").sendKeys("grace@example.com");
        browser.field("Password").sendKeys("correct horse battery");
        browser.submit("Create account");

        browser.field("Project name").sendKeys("Web");
        browser.axe();
        browser.screenshot("dashboard-projects");
        browser.submit("Create project");

        browser.field("Key").sendKeys("DATABASE_URL");
        browser.field("Value").sendKeys("postgres://grace-db");
        new Select(browser.field("Environment")).selectByVisibleText("dev");
        browser.field("Description").sendKeys("<b>primary</b> database");
        browser.submit("Save");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
                .until(d -> !d.findElements(By.xpath("//th[@scope='row'][contains(., 'DATABASE_URL')]")).isEmpty());

        var table = browser.driver().findElement(By.xpath("//table[caption[normalize-space()='Secrets']]"));
        assertThat(table.findElements(By.xpath(".//th[@scope='col']")).stream().map(e -> e.getText().strip()).toList())
                .containsExactly("Key", "dev", "staging", "prod");
        assertThat(table.findElement(By.xpath(".//th[@scope='row']")).getText()).contains("DATABASE_URL").contains("<b>primary</b> database");
        assertThat(table.findElements(By.xpath(".//mark[normalize-space()='missing']"))).hasSize(2);
        assertThat(browser.text()).doesNotContain("postgres://grace-db");
        browser.axe();
        browser.screenshot("dashboard-matrix");

        browser.button("Reveal DATABASE_URL in dev").click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(d -> d.findElements(By.cssSelector("code.revealed")).size() == 1);
        assertThat(browser.driver().findElement(By.cssSelector("code.revealed")).getText()).isEqualTo("postgres://grace-db");
        browser.screenshot("dashboard-revealed");
        browser.button("Copy DATABASE_URL in dev");

        // Fill a missing cell in place: its Set link opens the form for that key and environment.
        browser.follow("Set DATABASE_URL in prod");
        assertThat(browser.field("Key").getAttribute("value")).isEqualTo("DATABASE_URL");
        assertThat(new Select(browser.field("Environment")).getFirstSelectedOption().getText()).isEqualTo("prod");
        browser.field("Value").sendKeys("postgres://grace-prod");
        browser.submit("Save");
        assertThat(browser.driver().findElements(By.xpath("//table[caption[normalize-space()='Secrets']]//mark[normalize-space()='missing']")))
                .hasSize(1);

        // History and restore, then compare.
        browser.field("Key").sendKeys("DATABASE_URL");
        browser.field("Value").sendKeys("postgres://grace-db-2");
        new Select(browser.field("Environment")).selectByVisibleText("dev");
        browser.submit("Save");
        browser.follow("History of DATABASE_URL in dev");
        browser.axe();
        browser.screenshot("dashboard-history");
        browser.submit("Restore version 1");
        assertThat(browser.driver().findElement(By.xpath("//table/caption")).getText()).isEqualTo("History of DATABASE_URL in dev");
        assertThat(browser.driver().findElements(By.xpath("//tbody/tr"))).hasSize(3);
        browser.submit("Compare");
        assertThat(browser.text()).contains("The two values");
        browser.axe();
        browser.go(server.base.resolve("/orgs/grace/projects/web"));

        // Bulk paste of 50 lines, previewed, then applied at once.
        StringBuilder dotenv = new StringBuilder("API_TOKEN=abc\nMULTI=\"one\ntwo\"\nDATABASE_URL=postgres://other\n");
        for (int i = 0; i < 47; i++) {
            dotenv.append("SETTING_").append(i).append("=value-").append(i).append('\n');
        }
        browser.field(".env content").sendKeys(dotenv);
        new Select(browser.field("Import into")).selectByVisibleText("staging");
        browser.submit("Preview import");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(d -> browser.text().contains("50 new, 0 updated, 0 unchanged"));
        browser.axe();
        browser.screenshot("dashboard-import-preview");
        browser.submit("Apply import");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(d -> browser.text().contains("50 created, 0 updated, 0 unchanged"));
        var multi = Api.withCookies(server.base);
        assertThat(multi.post("/v1/auth/login", Map.of("email", "grace@example.com", "password", "correct horse battery")).status()).isEqualTo(200);
        String org = multi.get("/v1/auth/me").body().at("/orgs/0/id").asText();
        assertThat(multi.get("/v1/secrets/" + org + "/web/staging?keys=MULTI").body().at("/secrets/0/value").asText()).isEqualTo("one\ntwo");

        // Promote one key from staging to prod, previewed first.
        browser.go(server.base.resolve("/orgs/grace/projects/web"));
        new Select(browser.field("From")).selectByVisibleText("staging");
        new Select(browser.field("To")).selectByVisibleText("prod");
        browser.field("Keys").sendKeys("API_TOKEN");
        browser.submit("Preview promotion");
        assertThat(browser.text()).contains("1 new in prod, 0 updated, 0 unchanged");
        browser.axe();
        browser.submit("Apply promotion");
        assertThat(browser.text()).contains("Promoted 1 from staging to prod: 1 created");

        // The audit log shows the reads (the Reveal above, the compare).
        browser.go(server.base.resolve("/orgs/grace/projects"));
        browser.follow("Audit log");
        assertThat(browser.text()).contains("secret.read").contains("The audit chain is intact");
        browser.axe();

        // hush login without a token prints this page's address.
        var started = Api.anonymous(server.base).post("/v1/auth/cli-auth", Map.of());
        browser.go(java.net.URI.create(started.body().get("verificationUrl").asText()));
        assertThat(browser.field("Code").getAttribute("value")).isEqualTo(started.body().get("userCode").asText());
        browser.axe();
        browser.screenshot("dashboard-device");
        browser.submit("Approve");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(d -> browser.text().contains("Approved"));
        var token = Api.anonymous(server.base).post("/v1/auth/cli-auth/token", Map.of("deviceCode", started.body().get("deviceCode").asText()));
        assertThat(token.status()).isEqualTo(201);

        browser.submit("Log out");
        assertThat(browser.field("Email")).isNotNull();

        // A viewer invited to the organization sees the matrix without prod's values or any Reveal for prod.
        String invite = multi.header("X-Requested-With", "hush").post("/v1/members/" + org + "/invite",
                Map.of("email", "victor@example.com", "role", "viewer")).body().get("token").asText();
        var victor = Api.withCookies(server.base).header("X-Requested-With", "hush");
        assertThat(victor.post("/v1/auth/register", Map.of("email", "victor@example.com", "password", "victor password 1")).status()).isEqualTo(201);
        assertThat(victor.post("/v1/members/invite/" + invite + "/accept", null).status()).isEqualTo(200);
        browser.field("Email").sendKeys("victor@example.com");
        browser.field("Password").sendKeys("victor password 1");
        browser.submit("Log in");
        browser.go(server.base.resolve("/orgs/grace/projects/web"));
        assertThat(browser.driver().findElements(By.xpath("//button[@aria-label='Reveal DATABASE_URL in prod']"))).isEmpty();
        assertThat(browser.driver().findElements(By.xpath("//button[normalize-space()='Save']"))).isEmpty();
        browser.button("Reveal DATABASE_URL in dev").click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(d -> d.findElements(By.cssSelector("code.revealed")).size() == 1);
        assertThat(browser.text()).doesNotContain("postgres://grace-prod");
        browser.axe();
        browser.screenshot("dashboard-viewer");
        browser.axe();
        browser.screenshot("dashboard-login");
    }
}
