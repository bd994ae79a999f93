package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.status.StatusSnapshot.LineState;
import io.yima.status.StatusSnapshot.Link;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.yima.drivers.printer.PrinterCondition;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/** The dashboard in Debian's headless Chromium, polling a real status port over a {@link FakeLine}. */
class DashboardIT {

    private static final Duration UI = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private StatusPort port;
    private WebDriver browser;

    @BeforeEach
    void open() throws Exception {
        port = StatusPort.withToken(dir);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--lang=en-US", "--user-data-dir=" + Files.createDirectory(dir.resolve("chromium")));
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "en-US,en"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void close() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            port.close();
        }
    }

    private String text(String css) {
        return read(css, WebElement::getText);
    }

    private String attribute(String css, String name) {
        return read(css, e -> e.getAttribute(name));
    }

    /**
     * The page re-renders from /api/status every second, so an element found a moment ago may have been
     * replaced; reading it again from the fresh DOM is what a person looking at the page does.
     */
    private String read(String css, java.util.function.Function<WebElement, String> what) {
        for (int attempt = 0; ; attempt++) {
            try {
                List<WebElement> found = browser.findElements(By.cssSelector(css));
                return found.isEmpty() ? "" : what.apply(found.get(0));
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    @Test
    void showsTheLineAndTurnsRedWithTheReasonWhenThePrinterFaults() {
        browser.get(port.url("/"));
        await().atMost(UI).until(() -> text("#line-L1 .line-state").equals("RUNNING"));
        assertThat(text("#line-L1 .device[data-device=printer]")).contains("printer: online");
        assertThat(text("#line-L1 .job-title")).contains("J-1").contains("SKU-42").contains("B-7");
        assertThat(text("#vault tbody")).contains("50,000");

        port.line.printed = 321;
        port.line.printer = Link.fault("head open");
        port.line.state = LineState.FAULT;
        // the three fields are set one after the other while the page polls: a poll between them shows the printer
        // fault with the line still RUNNING, so the line's state is waited for too
        await().atMost(UI).untilAsserted(() -> {
            assertThat(text("#line-L1 .fault[data-code=HEAD_OPEN]"))
                    .contains("Print head open: close the head; the line resumes by itself");
            assertThat(text("#line-L1 .line-state")).isEqualTo("FAULT");
        });
        assertThat(text("#line-L1 .device[data-device=printer]")).contains("printer: fault");
        assertThat(attribute("#line-L1", "class")).contains("FAULT");
        assertThat(read("#line-L1 .line-state", e -> e.getCssValue("background-color")))
                .isEqualTo("rgba(198, 40, 40, 1)");
        assertThat(text("#line-L1 .figure-printed")).contains("321");

        assertThat(browser.getPageSource()).doesNotContain(FakeLine.AES_KEY).doesNotContain(StatusPort.TOKEN);
        List<LogEntry> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(problems).isEmpty();
    }

    @Test
    void theExportBacklogAlarmIsABannerWithTheEdgesReasonUntilItClears() {
        browser.get(port.url("/"));
        await().atMost(UI).until(() -> text("#line-L1 .line-state").equals("RUNNING"));
        assertThat(text("#export-alarm")).isEmpty();
        String reason = "export backlog: 612000 events wait for the broker (alarm above 500000)";
        port.line.export = new io.yima.common.ExportView("tcp://broker:1883", "OFFLINE", "connection refused",
                612_000, 4_000, 17, 17, reason);
        await().atMost(UI).until(() -> text("#export-alarm").equals("MQTT export backlog alarm: " + reason));
        port.line.export = new io.yima.common.ExportView("tcp://broker:1883", "ONLINE", null, 0, 0, 612_017,
                612_017, null);
        await().atMost(UI).until(() -> text("#export-alarm").isEmpty());
    }

    @Test
    void everyTextExistsInBothLanguagesAndEveryPrinterFaultHasASentenceAndAnAction() {
        browser.get(port.url("/"));
        await().atMost(UI).until(() -> text("#line-L1 .line-state").equals("RUNNING"));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        @SuppressWarnings("unchecked")
        List<String> zh = (List<String>) js.executeScript("return YimaI18n.keys('zh')");
        @SuppressWarnings("unchecked")
        List<String> en = (List<String>) js.executeScript("return YimaI18n.keys('en')");
        assertThat(zh).hasSizeGreaterThan(90).containsExactlyInAnyOrderElementsOf(en);
        for (PrinterCondition c : PrinterCondition.values()) {
            if (!c.fault()) {
                continue;
            }
            for (String lang : List.of("zh", "en")) {
                @SuppressWarnings("unchecked")
                List<java.util.Map<String, String>> said = (List<java.util.Map<String, String>>) js.executeScript(
                        "return YimaI18n.describe(arguments[0], 'printer', arguments[1])", lang, "[" + c + "]");
                assertThat(said).as("%s in %s", c, lang).singleElement().satisfies(p -> {
                    assertThat(p.get("code")).isEqualTo(c.name());
                    assertThat(p.get("sentence")).isNotBlank();
                    assertThat(p.get("action")).isNotBlank();
                });
            }
        }
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, String>> unknown = (List<java.util.Map<String, String>>) js.executeScript(
                "return YimaI18n.describe('zh', 'scanner', 'laser worn out')");
        assertThat(unknown).singleElement().satisfies(p -> {
            assertThat(p.get("code")).isEqualTo("UNKNOWN");
            assertThat(p.get("sentence")).isEqualTo("扫码器故障 (laser worn out)");
        });
    }

    /**
     * Other adapters add fields to /api/status (link states, counters). The page must not break on fields it does
     * not know, and a line field shaped like a device link is shown as one more device with its fault sentence.
     * The test adds such fields to the real answer in the browser, as a newer edge would send them.
     */
    @Test
    void unknownFieldsDoNotBreakThePageAndANewLinkShowsAsADevice() {
        port.line.printed = 17;
        browser.get(port.url("/"));
        await().atMost(UI).until(() -> text("#line-L1 .line-state").equals("RUNNING"));
        ((JavascriptExecutor) browser).executeScript("""
                const original = window.fetch;
                window.fetch = (url, options) => original(url, options).then(r => {
                  if (!String(url).includes('/api/status')) { return r; }
                  return r.json().then(s => {
                    s.stale_triggers_total = 3;
                    s.adapters = {mqtt: {state: 'ONLINE', broker: 'tcp://127.0.0.1:1883'}};
                    s.lines[0].modbus = {state: 'OFFLINE', reason: 'connection reset by peer', since: null};
                    s.lines[0].stale_triggers = 4;
                    s.lines[0].extra_list = [1, 2, 3];
                    return new Response(JSON.stringify(s), {status: 200, headers: {'Content-Type': 'application/json'}});
                  });
                });""");
        await().atMost(UI).until(() -> text("#line-L1 .device[data-device=modbus]").equals("modbus: offline"));
        assertThat(text("#line-L1 .fault[data-device=modbus]"))
                .isEqualTo("modbus L1: The connection to the device was lost: check power and cable; the edge reconnects"
                        + " by itself");
        assertThat(text("#line-L1 .line-state")).isEqualTo("RUNNING");
        assertThat(text("#line-L1 .figure-printed b")).isEqualTo("17");
        List<LogEntry> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(problems).isEmpty();
    }

    @Test
    void flagsLowStockAndFailedActivations() {
        port.line.available = 9_999;
        browser.get(port.url("/"));
        await().atMost(UI).until(() -> text("#vault tbody").contains("LOW STOCK"));
        assertThat(attribute("#vault tbody tr", "class")).contains("low");
        assertThat(text("#outbox .failed")).isEqualTo("failed 1");
        assertThat(attribute("#outbox .failed", "class")).contains("some");
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll()).isEmpty();
    }
}
