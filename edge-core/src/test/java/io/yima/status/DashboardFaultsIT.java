package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.status.StatusSnapshot.LineState;
import io.yima.status.StatusSnapshot.Link;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The technician's second look, in Debian's headless Chromium over a real status port: every fault banner names
 * its device and line in both languages, a lost PLC is not a green RUNNING, stale triggers are explained, export
 * and OPC UA trouble are banners, voiding a range asks first and says what it will do, low stock is amber with
 * since-when and the action, and the Chinese page shows no engineering enum text. Each saves its screenshot to
 * docs/images/ for docs/operations.md (regenerated on every run, so the pictures stay true).
 */
class DashboardFaultsIT {

    private static final Duration UI = Duration.ofSeconds(20);
    /** Upper-case words that are names, not untranslated enums: protocols, formats, the product id label. */
    private static final List<String> LATIN_ALLOWED = List.of("PLC", "OPC", "MQTT", "CSV", "JSON", "SKU", "ZPL",
            "TCP", "URL", "HTTP", "ESC", "POS");
    private static final Pattern ENUM_LIKE = Pattern.compile("\\b[A-Z][A-Z0-9_]{2,}\\b");

    @TempDir
    Path dir;
    private StatusPort port;
    private WebDriver browser;

    void open(String language) throws IOException {
        port = StatusPort.withToken(dir);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--lang=" + language, "--window-size=1200,1000",
                "--user-data-dir=" + Files.createDirectory(dir.resolve("chromium")));
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1200, 1000));
    }

    @BeforeEach
    void none() {
        port = null;
    }

    @AfterEach
    void close() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (port != null) {
                port.close();
            }
        }
    }

    @Test
    void paperOutAndARefusedScannerEachNameTheirDeviceAndLineInBothLanguages() throws IOException {
        open("en-US");
        port.line.printer = Link.fault("[PAPER_OUT]");
        port.line.scanner = Link.offline("connection refused");
        port.line.state = LineState.FAULT;
        browser.get(port.url("/"));
        await().atMost(UI).until(() -> text("#line-L1 .fault[data-device=scanner]").length() > 0);
        assertThat(text("#line-L1 .fault[data-device=printer]"))
                .startsWith("printer L1: Paper out: load labels and close the head; the line resumes by itself");
        assertThat(text("#line-L1 .fault[data-device=scanner]"))
                .startsWith("scanner L1: The device refuses the connection: check that it is on and the port is right");
        screenshot("dashboard-devices-en.png");

        browser.findElement(By.id("lang")).click();
        await().atMost(UI).until(() -> text("#line-L1 .line-state").equals("故障"));
        assertThat(text("#line-L1 .fault[data-device=printer]")).startsWith("打印机 L1：缺纸：装入标签并合上打印头");
        assertThat(text("#line-L1 .fault[data-device=scanner]")).startsWith("扫码器 L1：设备拒绝连接：检查设备是否开机");
        screenshot("dashboard-devices-zh.png");
    }

    @Test
    void aLostPlcTurnsTheBadgeFromRunningAndClearsTheRate() throws IOException {
        open("en-US");
        browser.get(port.url("/"));
        await().atMost(UI).until(() -> text("#line-L1 .line-state").equals("RUNNING"));
        assertThat(text("#line-L1 .rate")).startsWith("121");

        port.line.plc = Link.offline("no PLC connected");
        await().atMost(UI).until(() -> text("#line-L1 .line-state").equals("PLC LOST"));
        assertThat(read("#line-L1 .line-state", e -> e.getCssValue("background-color")))
                .as("not green while the PLC is gone").isNotEqualTo("rgba(46, 125, 50, 1)");
        assertThat(text("#line-L1 .rate")).startsWith("—");
        assertThat(text("#line-L1 .fault[data-device=plc]"))
                .startsWith("PLC L1: No PLC connected: check the PLC cable");
        screenshot("dashboard-plc-lost.png");

        port.line.plc = Link.online();
        await().atMost(UI).until(() -> text("#line-L1 .line-state").equals("RUNNING"));
    }

    @Test
    void exportBacklogAndAFailedOpcUaServerAreBannersWithTheirReason() throws IOException {
        open("en-US");
        String reason = "export backlog: 612000 events wait for the broker (alarm above 500000)";
        port.line.export = new io.yima.common.ExportView("tcp://broker:1883", "OFFLINE", "connection refused",
                612_000, 4_000, 17, 17, reason);
        port.line.opcua = StatusSnapshot.OpcUa.failed("opcua.port 4840: address in use",
                java.time.Instant.parse("2026-12-06T08:00:00Z"));
        browser.get(port.url("/"));
        await().atMost(UI).until(() -> text("#export-alarm").equals("MQTT export backlog alarm: " + reason));
        assertThat(text("#opcua")).startsWith("The OPC UA server did not start: opcua.port 4840: address in use.");
        screenshot("dashboard-export-backlog.png");

        port.line.opcua = StatusSnapshot.OpcUa.serving("opc.tcp://edge01:4840/yima");
        await().atMost(UI).until(() -> text("#opcua").isEmpty());
        assertThat(text("#opcua-ok")).isEqualTo("OPC UA: serving (opc.tcp://edge01:4840/yima)");
    }

    @Test
    void voidingARangeShowsWhatItWillDoAndVoidsOnlyWhenConfirmed() throws IOException {
        open("en-US");
        browser.get(port.url("/"));
        await().atMost(UI).until(() -> text("#line-L1 .line-state").equals("RUNNING"));
        browser.findElement(By.id("open-login")).click();
        browser.findElement(By.id("login-token")).sendKeys(StatusPort.TOKEN);
        browser.findElement(By.id("login-submit")).click();
        await().atMost(UI).until(() -> browser.findElement(By.id("tools")).isDisplayed());
        browser.findElement(By.id("void-app")).sendKeys("7");
        browser.findElement(By.id("void-from")).sendKeys("100");
        browser.findElement(By.id("void-to")).sendKeys("149");
        browser.findElement(By.id("void-submit")).click();

        await().atMost(UI).until(() -> text("#void-preview").length() > 0);
        assertThat(text("#void-preview")).isEqualTo("application 7 index 100–149: 50 available codes will be voided;"
                + " the other 0 (reserved, printed, bound or already voided) are left alone — printed or bound codes"
                + " are never voided. Voiding cannot be undone.");
        assertThat(port.line.calls).as("asking changes nothing").noneMatch(c -> c.startsWith("void"));
        assertThat(text("#void-go")).isEqualTo("Void 50 codes");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById('void-confirm').scrollIntoView({block: 'center'})");
        screenshot("dashboard-void-confirm.png");

        browser.findElement(By.id("void-go")).click();
        await().atMost(UI).until(() -> port.line.calls.contains("void 7 100..149"));
        await().atMost(UI).until(() -> text("#notice").equals("50 codes voided"));

        // a refusal is worded from its code in English too (the server's text says "from must not be …")
        browser.findElement(By.id("void-from")).clear();
        browser.findElement(By.id("void-from")).sendKeys("149");
        browser.findElement(By.id("void-to")).clear();
        browser.findElement(By.id("void-to")).sendKeys("100");
        browser.findElement(By.id("void-submit")).click();
        await().atMost(UI).until(() -> text("#notice").equals(
                "refused: void range: the first index must not be greater than the last"));
    }

    @Test
    void lowStockIsAmberWithSinceAndTheActionThenRedBelowTheCriticalLevel() throws IOException {
        open("en-US");
        port.line.available = 9_999; // below low_stock_warning 10 000, above the critical 2 000
        browser.get(port.url("/"));
        await().atMost(UI).until(() -> text("#vault tbody").contains("LOW STOCK"));
        assertThat(attribute("#vault tbody tr", "data-level")).isEqualTo("amber");
        assertThat(read("#vault tbody tr td", e -> e.getCssValue("background-color")))
                .as("amber (--warn), not red").isEqualTo("rgba(201, 138, 0, 1)");
        assertThat(text("#vault tbody .since")).startsWith("since ");
        assertThat(text("#vault tbody .stock-action")).contains("yima-edge wechat download");
        screenshot("dashboard-low-stock.png");

        port.line.available = 1_999;
        await().atMost(UI).until(() -> attribute("#vault tbody tr", "data-level").equals("red"));
        assertThat(text("#vault tbody")).contains("STOCK CRITICAL");
        assertThat(read("#vault tbody tr td", e -> e.getCssValue("background-color"))).isEqualTo("rgba(198, 40, 40, 1)");
    }

    @Test
    void theChinesePageShowsNoEngineeringEnumText() throws IOException {
        open("zh-CN");
        port.line.mode = "TRIGGERED";
        port.line.printed = 700;
        port.line.bound = 600;
        port.line.rejected = 60;
        port.line.voided = 40;
        port.line.stale = 12;
        port.line.available = 9_000;
        port.line.scanner = Link.offline("connection refused");
        port.line.printer = Link.fault("[PAPER_OUT]");
        port.line.state = LineState.FAULT;
        port.history.audit.add(new StatusHistory.AuditEntry(1, "2026-12-04T14:02:11Z", "RECOVER",
                Map.of("released", 0, "voided", 0)));
        port.history.audit.add(new StatusHistory.AuditEntry(2, "2026-12-04T14:03:11Z", "VOID_RANGE",
                Map.of("application", 100001, "from", 0, "to", 10, "voided", 3, "reason", "TECHNICIAN",
                        "requested", List.of(0, 10))));
        port.history.audit.add(new StatusHistory.AuditEntry(3, "2026-12-04T14:04:11Z", "CONTROL",
                Map.of("action", "void range", "target", "", "by", "Wang Wei", "outcome", "done",
                        "application", "100001", "from", "0", "to", "10", "voided", "3")));
        browser.get(port.url("/"));
        await().atMost(UI).until(() -> text("#audit").contains("技术员作废") && text("#line-L1 .rejects").length() > 0);
        assertThat(text("#line-L1 .rejects")).contains("未读到码 60");
        assertThat(text("#line-L1 .line-name")).isEqualTo("L1 · 触发打印");
        assertThat(text("#line-L1 .stale-note")).startsWith("12 个 PLC 触发过期");
        assertThat(attribute("#line-L1 .figure-staleTriggers", "title")).contains("必须重新过线或剔除");
        assertThat(text("#audit")).contains("0 个预留码放回库存，0 个已发送但没有结果的码作废")
                .contains("申请单 100001 序号 0–10：作废 3 个（技术员作废）")
                .contains("Wang Wei：作废范围 申请单 100001 序号 0–10，作废 3 个 → 完成")
                .doesNotContain("released=").doesNotContain("{\"");

        String page = browser.findElement(By.tagName("body")).getText();
        Matcher m = ENUM_LIKE.matcher(page);
        List<String> latin = new java.util.ArrayList<>();
        while (m.find()) {
            if (!LATIN_ALLOWED.contains(m.group())) {
                latin.add(m.group());
            }
        }
        assertThat(latin).as("Latin enum text on the zh-CN page").isEmpty();
        assertThat(page).doesNotContain("作业").doesNotContain("超时未打");
    }

    @Test
    void refusalsAreWordedInChineseOnTheChinesePage() throws IOException {
        open("zh-CN");
        browser.get(port.url("/"));
        await().atMost(UI).until(() -> text("#line-L1 .line-state").equals("运行中"));
        // a refusal over the port (another client): its audit entry is worded from the refusal's code
        assertThat(port.post("/api/jobs/J-404/close", "Bearer " + StatusPort.TOKEN, "").statusCode()).isEqualTo(404);
        await().atMost(UI).until(() -> text("#audit").contains("被拒绝：没有工单 J-404"));

        // a refusal in the page itself: a reversed void range
        browser.findElement(By.id("open-login")).click();
        browser.findElement(By.id("login-token")).sendKeys(StatusPort.TOKEN);
        browser.findElement(By.id("login-submit")).click();
        await().atMost(UI).until(() -> browser.findElement(By.id("tools")).isDisplayed());
        browser.findElement(By.id("void-app")).sendKeys("7");
        browser.findElement(By.id("void-from")).sendKeys("149");
        browser.findElement(By.id("void-to")).sendKeys("100");
        browser.findElement(By.id("void-submit")).click();
        await().atMost(UI).until(() -> text("#notice").contains("起始序号不能大于结束序号"));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "document.getElementById('notice').scrollIntoView({block: 'center'})");
        screenshot("dashboard-refusal-zh.png");

        String page = browser.findElement(By.tagName("body")).getText();
        assertThat(page).as("no English refusal text on the zh-CN page").doesNotContain("refused")
                .doesNotContain("no job").doesNotContain("from must not").doesNotContain("greater than");
        assertThat(port.line.calls).noneMatch(c -> c.startsWith("void") || c.startsWith("close"));
    }

    private String text(String css) {
        return read(css, WebElement::getText);
    }

    private String attribute(String css, String name) {
        return read(css, e -> e.getAttribute(name));
    }

    /** The page re-renders every second: an element found a moment ago may be gone, so read it again. */
    private String read(String css, java.util.function.Function<WebElement, String> what) {
        for (int attempt = 0; ; attempt++) {
            try {
                List<WebElement> found = browser.findElements(By.cssSelector(css));
                String v = found.isEmpty() ? "" : what.apply(found.get(0));
                return v == null ? "" : v;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** What the browser shows, as docs/images/{@code name}. */
    private void screenshot(String name) throws IOException {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !(Files.isDirectory(p.resolve("docs")) && Files.isDirectory(p.resolve("edge-core")))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("run from inside the repository: no docs/ and edge-core/ above "
                    + Path.of("").toAbsolutePath());
        }
        Path images = Files.createDirectories(p.resolve("docs/images"));
        Files.write(images.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
