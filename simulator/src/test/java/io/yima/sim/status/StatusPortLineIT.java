package io.yima.sim.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.daemon.EdgeDaemon;
import io.yima.edge.ConfigLoader;
import io.yima.line.LineObserver;
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
import io.yima.vault.CodeVault;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's "status reflects a running simulated line": the real daemon around the emulated printer, scanner
 * and PLC; the status JSON and the metrics move with the job, a head-open printer shows as FAULT with the
 * printer's own reason and turns /health to 503, and no key ever appears on the port.
 */
class StatusPortLineIT {
    static final long APP = 581865877L;
    static final String KEY = "statusportkey16!";

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void statusAndMetricsFollowARealLineAndAPrinterFaultShowsWithItsReason(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("app.key");
        Files.writeString(key, KEY, StandardCharsets.UTF_8);
        try (CodeVault vault = CodeVault.open(dir.resolve("vault.db"))) {
            new PackageImporter(vault).importStreams(APP, KEY.getBytes(StandardCharsets.US_ASCII),
                    List.of(NamedInput.ofBase64("codes.b64", PackageForge.base64Package(APP, 0, 9_999, KEY))));
        }
        InetAddress lo = InetAddress.getLoopbackAddress();
        Conveyor conveyor = new Conveyor();
        try (LabelLog record = new LabelLog(new LabelDecoder()::text, dir.resolve("printed.jsonl"));
             PrinterEmulator printer = new PrinterEmulator("P1", PrinterLanguage.ZPL, lo, 0, record, conveyor, null).start();
             ScannerEmulator scanner = new ScannerEmulator(ReaderStyle.KEYENCE, conveyor, new ScannerFaults(1), null,
                     false, 0).listen(lo, 0).start()) {
            int plcPort = freePort();
            Path config = dir.resolve("edge.yaml");
            RigSpec spec = RigSpec.defaults(dir, 20, 50);
            EdgeConfigFile.write(config, spec, printer.port(), scanner.port(), plcPort);
            try (EdgeDaemon edge = EdgeDaemon.start(ConfigLoader.load(config), LineObserver.NONE);
                 PlcConversation plc = new PlcConversation("127.0.0.1", plcPort, "IT-PLC", 1000, e -> { })) {
                int port = edge.statusPort();
                await().atMost(Duration.ofSeconds(10)).until(() -> get(port, "/health").statusCode() == 503
                        && get(port, "/health").body().contains("plc"));
                plc.open(5000);
                await().atMost(Duration.ofSeconds(10)).until(() -> get(port, "/health").statusCode() == 200);

                assertThat(plc.call(5000, "START", "J-STATUS", "SKU-9", "B-1", "20", "symbol=QR").fields().get(0))
                        .isEqualTo("ACK");
                for (int i = 1; i <= 5; i++) {
                    PlcFrame ack = plc.call(5000, "PRINT", "item-" + i);
                    assertThat(ack.fields().get(0)).isEqualTo("ACK");
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> get(port, "/api/status").body()
                        .contains("\"bound\":5"));
                String status = get(port, "/api/status").body();
                assertThat(status).contains("\"id\":\"J-STATUS\"", "\"sku\":\"SKU-9\"", "\"state\":\"RUNNING\"");
                String metrics = get(port, "/metrics").body();
                assertThat(metrics).containsPattern("yima_labels_printed_total\\{line=\"L1\"} 5(\\.0)?");
                assertThat(metrics).containsPattern("yima_codes_bound_total\\{line=\"L1\"} 5(\\.0)?");

                printer.faults().headOpen(true);
                await().atMost(Duration.ofSeconds(20)).until(() -> get(port, "/api/status").body().contains("FAULT"));
                HttpResponse<String> health = get(port, "/health");
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("printer");
                PlcFrame refused = plc.call(5000, "PRINT", "item-6");
                assertThat(refused.fields()).startsWith("NAK").contains("PAUSED");

                printer.faults().headOpen(false);
                await().atMost(Duration.ofSeconds(20)).until(() -> get(port, "/health").statusCode() == 200);
                assertThat(plc.call(5000, "PRINT", "item-6").fields().get(0)).isEqualTo("ACK");

                for (String path : List.of("/", "/api/status", "/metrics", "/health", "/api/jobs/J-STATUS")) {
                    assertThat(get(port, path).body()).as(path).doesNotContain(KEY);
                }
            }
        }
    }
}
