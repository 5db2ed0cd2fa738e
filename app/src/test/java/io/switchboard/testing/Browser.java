package io.switchboard.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, installed by
 * {@code .ci/run}) for portal tests. On a developer machine without it the tests are skipped; in
 * CI ({@code CI=true}) a missing browser fails them.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    public static Browser start(String language) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI needs /usr/bin/chromium and /usr/bin/chromedriver (see .ci/run)");
        }
        assumeTrue(present, "Debian chromium and chromium-driver are not installed");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--disable-quic",
                        "--window-size=1280,900",
                        "--lang=" + language);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver);
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves a screenshot under {@code target/screenshots} for a person to look at. */
    public void screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String axeSource;

    private static synchronized String axe() {
        if (axeSource == null) {
            try (java.io.InputStream in = Browser.class.getResourceAsStream("/axe/axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("axe-core is missing from the test classpath (/axe/axe.min.js)");
                }
                axeSource = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return axeSource;
    }

    /**
     * Runs axe-core (WCAG 2.x A and AA rules and best practices) on the page shown and fails
     * with the list of serious and critical violations, if any.
     */
    @SuppressWarnings("unchecked")
    public void assertNoSeriousAccessibilityViolations() {
        driver.executeScript(axe());
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Object answer = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '"
                + " + v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(' | '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        java.util.List<String> violations = (java.util.List<String>) answer;
        if (!violations.isEmpty()) {
            throw new AssertionError(
                    "Accessibility violations on " + driver.getCurrentUrl() + ":\n" + String.join("\n", violations));
        }
    }

    /**
     * Whether an element found before a click has left the page (the next page replaced it).
     * Selenium's {@code stalenessOf} waits for a stale-element error only; while Chromium is between
     * two pages it may answer instead "Node with given id does not belong to the document", which
     * says the same, and which {@code stalenessOf} let through as a failure of the test.
     */
    public static ExpectedCondition<Boolean> goneFromPage(WebElement element) {
        return (WebDriver page) -> {
            try {
                element.isEnabled();
                return false;
            } catch (WebDriverException e) {
                if (detached(e)) {
                    return true;
                }
                throw e;
            }
        };
    }

    /**
     * Whether an error says that the element is no longer in the page: a stale-element error, or
     * Chromium's "Node with given id does not belong to the document" for a node a script or the
     * next page has just replaced.
     */
    public static boolean detached(WebDriverException e) {
        return e instanceof StaleElementReferenceException
                || (e.getMessage() != null && e.getMessage().contains("does not belong to the document"));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
