package dev.hush.bootstrap.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Members and the mailed links in real Chromium: an owner invites from the members page, the invitee opens the
 * mailed link, creates the account there and accepts; a forgotten password is reset through its mailed link.
 * axe-core on every new page, screenshots under {@code target/screenshots}.
 */
class MemberBrowserTest extends BrowserTestCase {
    /** The link in the newest mail to {@code to} (mails of a queue are waited for). */
    URI mailedLink(String to, String path) throws Exception {
        Path outbox = server.dataDir.resolve("outbox");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(outbox)) {
                try (Stream<Path> files = Files.list(outbox)) {
                    List<Path> newestFirst = files.sorted(Comparator.reverseOrder()).toList();
                    for (Path file : newestFirst) {
                        String mail = Files.readString(file);
                        Matcher m = Pattern.compile(Pattern.quote(server.base + path) + "[A-Za-z0-9_=?-]+").matcher(mail);
                        if (mail.contains("\r\nTo: " + to + "\r\n") && m.find()) {
                            return URI.create(m.group());
                        }
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail to " + to + " with a link to " + path);
    }

    void waitForText(String text) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(d -> browser.text().contains(text));
    }

    @Test
    void anOwnerInvites_theInviteeAcceptsFromTheMailedLink_andResetsAForgottenPassword() throws Exception {
        String org = signUp("Olga", "olga@example.com", "correct horse battery");

        browser.follow("Members");
        waitForText("Members of " + org);
        browser.axe();
        browser.screenshot("members");
        browser.field("Email").sendKeys("ivan@example.com");
        new Select(browser.field("Role")).selectByVisibleText("viewer");
        browser.submit("Invite");
        waitForText("Invitation sent.");
        assertThat(browser.text()).contains("ivan@example.com");
        browser.button("Revoke the invitation of ivan@example.com");
        browser.axe();
        browser.screenshot("members-invited");

        browser.submit("Log out");
        browser.field("Password");
        browser.go(mailedLink("ivan@example.com", "/invites/"));
        waitForText("Invitation to");
        assertThat(browser.text()).contains("as viewer");
        assertThat(browser.field("Email").getAttribute("value")).isEqualTo("ivan@example.com");
        browser.axe();
        browser.screenshot("invite-signup");
        browser.field("Name").sendKeys("Ivan");
        browser.field("Password").sendKeys("ivan's long password");
        browser.submit("Create account");

        browser.button("Accept invite");
        browser.axe();
        browser.screenshot("invite-accept");
        browser.submit("Accept invite");
        waitForText("Projects of " + org);
        assertThat(browser.url().getPath()).isEqualTo("/orgs/" + org + "/projects");

        browser.submit("Log out");
        browser.follow("Forgot your password?");
        browser.field("Email").sendKeys("ivan@example.com");
        browser.axe();
        browser.screenshot("forgot-password");
        browser.submit("Send reset link");
        waitForText("If an account has this address");
        browser.axe();

        browser.go(mailedLink("ivan@example.com", "/reset-password?token="));
        browser.field("New password").sendKeys("ivan's newer password");
        browser.axe();
        browser.screenshot("reset-password");
        browser.submit("Set password");
        waitForText("Your new password is set");
        browser.axe();
        browser.screenshot("password-set");

        browser.follow("Log in");
        browser.field("Email").sendKeys("ivan@example.com");
        browser.field("Password").sendKeys("ivan's newer password");
        browser.submit("Log in");
        waitForText("Projects of");
    }
}
