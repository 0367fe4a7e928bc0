package dev.hush.bootstrap.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The browser-test infrastructure on pages of its own (no Hush server): {@link Browser} finds a field by its label
 * and a button by its name, types, submits, saves screenshots, and {@link Browser#axe()} passes on an accessible
 * page and fails on one with an unlabelled input.
 */
class BrowserSmokeTest {
    private static final String LOGIN = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Log in - smoke</title></head>
            <body>
              <main>
                <h1>Log in</h1>
                <form action="/welcome" method="get">
                  <p><label for="email">Email</label> <input id="email" name="email" type="email" autocomplete="email"></p>
                  <p><label>Password <input name="password" type="password" autocomplete="current-password"></label></p>
                  <p><button type="submit">Log in</button></p>
                </form>
              </main>
            </body>
            </html>
            """;
    private static final String WELCOME = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Welcome - smoke</title></head>
            <body><main><h1>Welcome, %s</h1><p><a href="/login">Back to login</a></p></main></body>
            </html>
            """;
    /** Lang, title and landmark are there: the one fault is an input without a label (axe's "label", critical). */
    private static final String INACCESSIBLE = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Unlabelled - smoke</title></head>
            <body><main><h1>Search</h1><form><input id="q" name="q" type="text"></form></main></body>
            </html>
            """;

    private static HttpServer server;
    private static Browser browser;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/login", ex -> send(ex, LOGIN));
        server.createContext("/welcome", ex -> send(ex, WELCOME.formatted(escape(query(ex, "email")))));
        server.createContext("/inaccessible", ex -> send(ex, INACCESSIBLE));
        server.start();
    }

    /** One Chromium for the class, opened by the first test: a skip (no Chromium) is then reported per test. */
    @BeforeEach
    void browser() {
        if (browser == null) {
            browser = Browser.open();
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void fillsAFormByLabelsAndSubmitsWithTheNamedButton() throws IOException {
        browser.go(uri("/login"));
        assertThat(browser.title()).isEqualTo("Log in - smoke");
        browser.field("Email").sendKeys("ada@example.com");
        browser.field("Password").sendKeys("correct horse");
        assertThat(browser.field("Email").getAttribute("value")).isEqualTo("ada@example.com");
        browser.axe();
        assertPng(browser.screenshot("smoke-login"));

        browser.button("Log in").click();

        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(5))
                .until(d -> "/welcome".equals(browser.url().getPath()));
        assertThat(browser.url().getPath()).isEqualTo("/welcome");
        assertThat(browser.text()).contains("Welcome, ada@example.com");
        browser.axe();
        assertPng(browser.screenshot("smoke-welcome"));
        browser.link("Back to login").click();
        assertThat(browser.url().getPath()).isEqualTo("/login");
    }

    @Test
    void axeFailsOnAnInputWithoutALabel() throws IOException {
        browser.go(uri("/inaccessible"));
        assertPng(browser.screenshot("smoke-inaccessible"));

        assertThatThrownBy(browser::axe)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("label (critical)")
                .hasMessageContaining("#q");
    }

    @Test
    void aMissingElementFailsNamingWhatThePageHas() {
        browser.go(uri("/login"));
        browser.waitUpTo(Duration.ofMillis(300));
        try {
            assertThatThrownBy(() -> browser.field("Username"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("no field labelled \"Username\"")
                    .hasMessageContaining("Email").hasMessageContaining("Password");
            assertThatThrownBy(() -> browser.button("Sign up"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("\"Log in\"");
        } finally {
            browser.waitUpTo(Duration.ofSeconds(5));
        }
    }

    private static void assertPng(Path file) throws IOException {
        assertThat(file).exists();
        byte[] head = Arrays.copyOf(Files.readAllBytes(file), 8);
        assertThat(head).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        assertThat(Files.size(file)).isGreaterThan(1000);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static String query(HttpExchange ex, String name) {
        String q = ex.getRequestURI().getRawQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals(name) && kv.length == 2) {
                    return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
                }
            }
        }
        return "";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void send(HttpExchange ex, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
