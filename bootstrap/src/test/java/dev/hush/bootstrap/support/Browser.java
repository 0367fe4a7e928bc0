package dev.hush.bootstrap.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;

/**
 * A real headless Chromium for the dashboard's browser tests: Debian's {@code chromium} driven through its
 * {@code chromedriver} (paths {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, or the environment's
 * {@code CHROME_BIN} and {@code CHROMEDRIVER}). Elements are found the way a person finds them: a field by its
 * label, a button or link by its accessible name. {@link #axe()} runs axe-core in the page.
 *
 * <pre>{@code
 * try (Browser b = Browser.open()) {
 *     b.go(server.uri("/login"));
 *     b.field("Email").sendKeys("ada@example.com");
 *     b.button("Log in").click();
 *     b.screenshot("login-done");
 *     b.axe();
 * }
 * }</pre>
 *
 * <p>Without the two binaries {@link #open()} fails the test when {@code CI=true} and otherwise skips it (printing
 * why). Chromium starts in about a second here: open one per test class, from the first test rather than from
 * {@code @BeforeAll}: Surefire reports a class aborted in {@code @BeforeAll} as 0 tests run and 0 skipped, so the
 * skip would go unseen; aborted in {@code @BeforeEach}, each test counts as skipped, with the reason in its report.
 *
 * <pre>{@code
 * private static Browser browser;
 *
 * @BeforeEach void browser() { if (browser == null) browser = Browser.open(); }
 * @AfterAll static void closeBrowser() { if (browser != null) browser.close(); }
 * }</pre>
 */
public final class Browser implements AutoCloseable {
    /** How long the finders wait by default for an element to appear (a page swapped in by script, say). */
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Pattern SCREENSHOT_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 900;

    private static volatile String axeSource;
    private static volatile String axeVersion;

    private final ChromeDriver driver;
    private Duration wait = WAIT;

    private Browser(ChromeDriver driver) { this.driver = driver; }

    /**
     * Starts headless Chromium ({@code --headless=new --no-sandbox --disable-dev-shm-usage}, a 1280x900 window, whose
     * viewport, and so each screenshot, is 1280x757 with Chromium 150). When the
     * browser or its driver is missing: an {@link AssertionError} with {@code CI=true}, else the test is aborted
     * (reported as skipped) with the reason, which is also printed.
     */
    public static Browser open() {
        Path chrome = Path.of(env("CHROME_BIN", "/usr/bin/chromium"));
        Path chromedriver = Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver"));
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(chrome)) {
            missing.add("Chromium at " + chrome + " (CHROME_BIN)");
        }
        if (!Files.isExecutable(chromedriver)) {
            missing.add("ChromeDriver at " + chromedriver + " (CHROMEDRIVER)");
        }
        if (!missing.isEmpty()) {
            String reason = "Browser test needs " + String.join(" and ", missing)
                    + ": install Debian's packages with `apt-get install chromium chromium-driver` (.ci/run does)"
                    + " or point CHROME_BIN and CHROMEDRIVER at a Chromium and its matching ChromeDriver";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(reason + " [CI=true: failing, not skipping]");
            }
            System.out.println("SKIPPED: " + reason);
            System.err.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chrome.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=" + WIDTH + "," + HEIGHT, "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .withLogLevel(ChromiumDriverLogLevel.SEVERE)
                .build();
        long start = System.nanoTime();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        System.out.printf("Browser: %s started in %d ms%n", driver.getCapabilities().getBrowserVersion(),
                (System.nanoTime() - start) / 1_000_000);
        return new Browser(driver);
    }

    /** How long {@link #field}, {@link #button} and {@link #link} wait for their element (5 s unless set). */
    public Browser waitUpTo(Duration wait) {
        this.wait = wait;
        return this;
    }

    /** Loads {@code uri} and waits for the page's load event. */
    public Browser go(URI uri) {
        driver.get(uri.toString());
        return this;
    }

    /**
     * The one input, textarea or select whose {@code <label>} reads {@code label} (whitespace collapsed; the label's
     * own nested controls left out), tied by {@code label for="..."} or by wrapping the control. Waits (5 s unless
     * {@link #waitUpTo set}) for exactly one.
     */
    public WebElement field(String label) {
        return waitForOne("field labelled \"" + label + "\"", () -> visibleFirst(script("""
                const want = arguments[0];
                const norm = s => s.replace(/\\s+/g, ' ').trim();
                const found = [];
                for (const l of document.querySelectorAll('label')) {
                  const copy = l.cloneNode(true);
                  copy.querySelectorAll('input, select, textarea').forEach(e => e.remove());
                  if (norm(copy.textContent) !== want) continue;
                  const c = l.control;
                  if (c && c.matches('input, select, textarea') && !found.includes(c)) found.push(c);
                }
                return found;
                """, label)), () -> "labels on the page: " + script("""
                return [...document.querySelectorAll('label')].map(l => l.textContent.replace(/\\s+/g, ' ').trim());
                """));
    }

    /**
     * Clicks the link named {@code linkName} and waits until the browser has left the page, so the next finder
     * sees the new page and never the old one.
     */
    public Browser follow(String linkName) {
        WebElement page = driver.findElement(org.openqa.selenium.By.tagName("html"));
        link(linkName).click();
        untilLeft(page);
        return this;
    }

    /** As {@link #follow}, for a button that submits its form. */
    public Browser submit(String name) {
        WebElement page = driver.findElement(org.openqa.selenium.By.tagName("html"));
        button(name).click();
        untilLeft(page);
        return this;
    }

    /**
     * Waits until {@code page}'s root element is gone. Chromium reports a node of a replaced document either as stale
     * or, while the new document is being attached, as "does not belong to the document": both mean the page was left.
     */
    private void untilLeft(WebElement page) {
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10)).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    /**
     * The one visible button whose accessible name (as Chromium computes it: its text, {@code aria-label},
     * {@code aria-labelledby}, or an input's {@code value}) is {@code name}. Waits like {@link #field}.
     */
    public WebElement button(String name) {
        return byAccessibleName("button", name,
                "button, input[type=submit], input[type=button], input[type=reset], input[type=image], [role=button]");
    }

    /** The one visible link whose accessible name is {@code name}. Waits like {@link #field}. */
    public WebElement link(String name) {
        return byAccessibleName("link", name, "a[href], [role=link]");
    }

    /** The page's visible text. */
    public String text() { return driver.findElement(By.tagName("body")).getText(); }

    public String title() { return driver.getTitle(); }

    public URI url() { return URI.create(driver.getCurrentUrl()); }

    /** The Selenium driver, for anything the helpers don't cover. */
    public WebDriver driver() { return driver; }

    /** Saves the viewport as {@code target/screenshots/<name>.png} (name: letters, digits, {@code . _ -}). */
    public Path screenshot(String name) {
        if (!SCREENSHOT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("screenshot name: " + name);
        }
        Path dir = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
        Path file = dir.resolve(name + ".png");
        try {
            Files.createDirectories(dir);
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Runs axe-core (the webjar's {@code axe.min.js}) on the current page and fails listing every violation of
     * impact serious or critical (rule, impact, what it means, the elements' selectors). Lesser violations are
     * printed, not failed.
     */
    public void axe() {
        Boolean loaded = (Boolean) script("return typeof window.axe === 'object';");
        if (!loaded) {
            script(axeSource());
        }
        Object result = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                  .then(r => done(r.violations.map(v => ({
                      id: v.id, impact: v.impact, help: v.help,
                      targets: v.nodes.map(n => n.target.join(' '))}))))
                  .catch(e => done('axe failed: ' + e));
                """);
        if (result instanceof String error) {
            throw new AssertionError(error + " on " + driver.getCurrentUrl());
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) result;
        StringBuilder failing = new StringBuilder();
        for (Map<String, Object> v : violations) {
            String line = " - " + v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " " + v.get("targets")
                    + "\n";
            if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
                failing.append(line);
            } else {
                System.out.print("axe (not failing) on " + driver.getCurrentUrl() + ":\n" + line);
            }
        }
        if (failing.length() > 0) {
            throw new AssertionError("axe-core " + axeVersion + ": serious or critical accessibility violations on "
                    + driver.getCurrentUrl() + ":\n" + failing);
        }
    }

    @Override
    public void close() { driver.quit(); }

    private WebElement byAccessibleName(String what, String name, String css) {
        return waitForOne(what + " named \"" + name + "\"", () -> {
            List<WebElement> found = new ArrayList<>();
            for (WebElement e : driver.findElements(By.cssSelector(css))) {
                if (e.isDisplayed() && name.equals(normalize(e.getAccessibleName()))) {
                    found.add(e);
                }
            }
            return found;
        }, () -> {
            LinkedHashSet<String> names = new LinkedHashSet<>();
            for (WebElement e : driver.findElements(By.cssSelector(css))) {
                if (e.isDisplayed()) {
                    names.add("\"" + normalize(e.getAccessibleName()) + "\"");
                }
            }
            return what + "s on the page: " + names;
        });
    }

    /** The visible matches if there are any, else all of them (a field can be styled away and still be labelled). */
    private static List<WebElement> visibleFirst(Object elements) {
        @SuppressWarnings("unchecked")
        List<WebElement> all = (List<WebElement>) elements;
        List<WebElement> visible = all.stream().filter(WebElement::isDisplayed).toList();
        return visible.isEmpty() ? all : visible;
    }

    private WebElement waitForOne(String what, Supplier<List<WebElement>> find, Supplier<String> context) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<WebElement> found = List.of();
        while (true) {
            try {
                found = find.get();
                if (found.size() == 1) {
                    return found.get(0);
                }
            } catch (StaleElementReferenceException e) {
                found = List.of(); // the page changed under us: look again
            }
            if (System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted looking for " + what, e);
            }
        }
        throw new AssertionError((found.isEmpty() ? "no " : found.size() + " of a ") + what + " on "
                + driver.getCurrentUrl() + " (after " + wait.toMillis() + " ms); " + context.get());
    }

    private Object script(String js, Object... args) { return ((JavascriptExecutor) driver).executeScript(js, args); }

    private static String normalize(String s) { return s == null ? "" : s.replaceAll("\\s+", " ").trim(); }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** axe.min.js from the org.webjars.npm:axe-core jar on the test classpath, whatever its version. */
    private static String axeSource() {
        if (axeSource == null) {
            ClassLoader loader = Browser.class.getClassLoader();
            try (InputStream pom = loader.getResourceAsStream("META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
                if (pom == null) {
                    throw new AssertionError("the org.webjars.npm:axe-core webjar is not on the test classpath");
                }
                Properties p = new Properties();
                p.load(pom);
                String version = p.getProperty("version");
                String path = "META-INF/resources/webjars/axe-core/" + version + "/axe.min.js";
                try (InputStream js = loader.getResourceAsStream(path)) {
                    if (js == null) {
                        throw new AssertionError(path + " is not in the axe-core webjar");
                    }
                    axeVersion = version;
                    axeSource = new String(js.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axeSource;
    }
}
