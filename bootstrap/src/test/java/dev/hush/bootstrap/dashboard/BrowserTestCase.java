package dev.hush.bootstrap.dashboard;

import dev.hush.bootstrap.support.Browser;
import dev.hush.bootstrap.support.TestFiles;
import dev.hush.bootstrap.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * What every dashboard test in real Chromium starts from: one server for the class (in a data directory of its
 * own, deleted after), one browser opened on first use, and signing up through the form.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestCase {
    Path dir;
    TestServer server;
    Browser browser;

    /** Settings the class's server needs besides the defaults. */
    Map<String, Object> serverSettings() { return Map.of(); }

    @BeforeAll
    void startServer() throws Exception {
        dir = Files.createTempDirectory("hush-" + getClass().getSimpleName());
        server = TestServer.start(dir.resolve("data"), Map.of(), serverSettings());
    }

    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = Browser.open();
        }
    }

    @AfterAll
    void stopServer() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
            if (server != null) {
                server.close();
            }
        } finally {
            TestFiles.deleteTree(dir);
        }
    }

    /** Signs up through the form and waits for the projects page; the new account's organization slug. */
    String signUp(String name, String email, String password) {
        browser.go(server.base.resolve("/signup"));
        browser.field("Name").sendKeys(name);
        browser.field("Email").sendKeys(email);
        browser.field("Password").sendKeys(password);
        browser.submit("Create account");
        browser.field("Project name");
        return browser.url().getPath().split("/")[2];
    }
}
