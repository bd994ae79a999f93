package io.yima.sim.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.yima.daemon.EdgeDaemon;
import io.yima.edge.ConfigLoader;
import io.yima.line.DeviceState;
import io.yima.line.LineObserver;
import io.yima.line.LineSnapshot;
import io.yima.line.ProductionLine;
import io.yima.sim.forge.PackageForge;
import io.yima.sim.label.Conveyor;
import io.yima.sim.label.LabelLog;
import io.yima.sim.plc.PlcConversation;
import io.yima.sim.plc.PlcFrame;
import io.yima.sim.printer.PrinterEmulator;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.rig.EdgeConfigFile;
import io.yima.sim.rig.RigSpec;
import io.yima.sim.scanner.LabelDecoder;
import io.yima.sim.scanner.ReaderStyle;
import io.yima.sim.scanner.ScannerEmulator;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.sim.wechat.WechatEmulator;
import io.yima.vault.CodeVault;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * A whole line for the dashboard's browser tests: forged codes in a vault file, the real {@link EdgeDaemon} with
 * a status token, the emulated ZPL printer and Keyence scanner on a conveyor, the WeChat emulator as upstream
 * (it does not know the forged application, so activations fail with its errcode 80301, as on a real account
 * whose application id is wrong), a PLC conversation, and Debian's headless Chromium speaking a chosen language.
 */
final class DashboardLine implements AutoCloseable {
    static final long APP = 581865877L;
    static final String LINE = "L1";
    static final String TOKEN = "dashboard-token-7f3a91c2e4b5";
    static final String KEY = "dashboardKey16b!";
    static final Duration UI = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newHttpClient();
    final ScannerFaults scannerFaults = new ScannerFaults(7);
    final LabelLog record;
    final PrinterEmulator printer;
    final ScannerEmulator scanner;
    final WechatEmulator wechat;
    final EdgeDaemon edge;
    final PlcConversation plc;
    final WebDriver browser;
    private boolean edgeStopped;

    /** @param language the browser's language, e.g. {@code en-US} or {@code zh-CN} */
    DashboardLine(Path dir, String language) throws Exception {
        try (CodeVault vault = CodeVault.open(dir.resolve("vault.db"))) {
            new PackageImporter(vault).importStreams(APP, KEY.getBytes(StandardCharsets.US_ASCII),
                    List.of(NamedInput.ofBase64("codes.b64", PackageForge.base64Package(APP, 0, 4_999, KEY))));
        }
        InetAddress lo = InetAddress.getLoopbackAddress();
        Conveyor conveyor = new Conveyor();
        record = new LabelLog(new LabelDecoder()::text, dir.resolve("printed.jsonl"));
        printer = new PrinterEmulator("P1", PrinterLanguage.ZPL, lo, 0, record, conveyor, null).start();
        scanner = new ScannerEmulator(ReaderStyle.KEYENCE, conveyor, scannerFaults, null, false, 0)
                .listen(lo, 0).start();
        wechat = new WechatEmulator(WechatEmulator.Settings.forTests(KEY)).start();
        Path key = Files.writeString(dir.resolve("app.key"), KEY);
        Path secret = Files.writeString(dir.resolve("wechat.secret"), "dashboard-app-secret");
        Path token = Files.writeString(dir.resolve("status.token"), "Wang Wei:" + TOKEN + "\n");
        Path config = dir.resolve("edge.yaml");
        RigSpec spec = new RigSpec(dir, 0, 1, PrinterLanguage.ZPL, "QR", APP, key, wechat.baseUrl(), secret,
                0, 0, 0, 0, 0, 0, 1, 10_000);
        EdgeConfigFile.write(config, spec, printer.port(), scanner.port(), 0);
        withStatusToken(config, token);
        edge = EdgeDaemon.start(ConfigLoader.load(config), LineObserver.NONE);
        await().atMost(UI).until(() -> {
            LineSnapshot s = line().snapshot();
            return s.printerLink() == DeviceState.ONLINE && s.scannerLink() == DeviceState.ONLINE;
        });
        plc = new PlcConversation("127.0.0.1", edge.plcPort(LINE), "DASH-PLC", 1000, e -> { });
        plc.open(5000);
        browser = HeadlessChromium.start(dir, language);
    }

    /** The rig writes {@code status: {bind, port: 0}}; the controls need a token file, the stale test a short limit. */
    private static void withStatusToken(Path config, Path token) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        ObjectNode root = (ObjectNode) yaml.readTree(config.toFile());
        ObjectNode status = root.putObject("status");
        status.put("bind", "127.0.0.1").put("port", 0).put("token_file", token.toString())
                .put("stale_after_seconds", 3).put("low_stock_warning", 1000);
        yaml.writeValue(config.toFile(), root);
    }

    ProductionLine line() {
        return edge.lines().get(LINE);
    }

    String url(String path) {
        return "http://127.0.0.1:" + edge.statusPort() + path;
    }

    void openDashboard() {
        browser.get(url("/"));
    }

    void startJob(String job, int quantity) throws IOException {
        PlcFrame ack = plc.call(5000, "START", job, "SKU-9", "B-1", String.valueOf(quantity), "symbol=QR");
        assertThat(ack.fields().get(0)).as("START %s", job).isEqualTo("ACK");
    }

    /** PRINT triggers for items {@code from .. from+n-1}, each ACKed (its label sent). */
    void print(int from, int n) throws IOException {
        for (int i = from; i < from + n; i++) {
            PlcFrame ack = plc.call(5000, "PRINT", "item-" + i);
            assertThat(ack.fields().get(0)).as("PRINT item-%d", i).isEqualTo("ACK");
        }
    }

    HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The edge stops answering: the daemon shuts down (its devices and PLC stay where they are). */
    void stopEdge() {
        plc.close();
        edge.close();
        edgeStopped = true;
    }

    String text(String css) {
        return read(css, WebElement::getText, "");
    }

    String attribute(String css, String name) {
        return read(css, e -> e.getAttribute(name), "");
    }

    /** The page re-renders every second; an element found a moment ago may be gone, so read from the fresh DOM. */
    <T> T read(String css, Function<WebElement, T> what, T absent) {
        for (int attempt = 0; ; attempt++) {
            try {
                List<WebElement> found = browser.findElements(By.cssSelector(css));
                return found.isEmpty() ? absent : what.apply(found.get(0));
            } catch (StaleElementReferenceException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** Clicks what the selector finds now, again if a re-render replaced it between finding and clicking. */
    void click(String css) {
        for (int attempt = 0; ; attempt++) {
            try {
                browser.findElement(By.cssSelector(css)).click();
                return;
            } catch (StaleElementReferenceException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    void type(String css, String value) {
        WebElement e = browser.findElement(By.cssSelector(css));
        e.clear();
        e.sendKeys(value);
    }

    /** Saves what the browser shows as docs/images/{@code name} (see {@link HeadlessChromium#screenshot}). */
    void screenshot(String name) throws IOException {
        HeadlessChromium.screenshot(browser, name);
    }

    @Override
    public void close() throws Exception {
        try {
            browser.quit();
        } finally {
            if (!edgeStopped) {
                plc.close();
                edge.close();
            }
            scanner.close();
            printer.close();
            wechat.close();
            record.close();
        }
    }

    static void awaitUi(org.awaitility.core.ThrowingRunnable check) {
        await().atMost(UI).pollInterval(Duration.ofMillis(200)).untilAsserted(check);
    }
}
