package io.yima.sim.packing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.sim.label.LabelLog;
import io.yima.sim.printer.PrinterEmulator;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.scanner.LabelDecoder;
import io.yima.sim.scanner.ScannerFaults;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A packing line's case printer and case reader as the status port reports them, scraped from a running daemon:
 * the case printer emulator stops, and /api/status, /metrics ({@code yima_device_up{device="case_printer"}}) and
 * /health say so within the printer's status poll; it starts again on the same port and all three say it is back.
 * The case reader stays up throughout and is reported so.
 */
class CaseDeviceLinkIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The case printer polls its status every second (PackingLine): its loss is seen well within this. */
    private static final Duration NOTICED = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aStoppedCasePrinterIsDownOnTheStatusPageMetricsAndHealthAndUpAgainOnceRestarted() throws Exception {
        try (PackingLine line = new PackingLine(dir, 30, 12, new ScannerFaults(7), new ScannerFaults(11), null,
                Duration.ofSeconds(3));
             PackingPlc plc = new PackingPlc(line.plcPort(), line.packer)) {
            assertThat(plc.call("HELLO", "2", "PLC-PACK")).isEqualTo("ACK,1,YIMA,2,L1,");
            int port = line.edge.statusPort();
            await().atMost(NOTICED).untilAsserted(() -> {
                JsonNode l1 = status(port).path("lines").path(0);
                assertThat(l1.path("case_printer").path("state").asText()).isEqualTo("ONLINE");
                assertThat(l1.path("case_reader").path("state").asText()).isEqualTo("ONLINE");
                assertThat(get(port, "/health").statusCode()).as("all devices up, PLC connected").isEqualTo(200);
            });
            String metrics = get(port, "/metrics").body();
            assertThat(up(metrics, "case_printer")).isEqualTo(1);
            assertThat(up(metrics, "case_reader")).isEqualTo(1);
            assertThat(up(metrics, "printer")).as("the item printer keeps its own series").isEqualTo(1);

            int printerPort = line.casePrinter.port();
            line.casePrinter.close();
            await().atMost(NOTICED).untilAsserted(() -> {
                JsonNode cp = status(port).path("lines").path(0).path("case_printer");
                assertThat(cp.path("state").asText()).isNotEqualTo("ONLINE");
                assertThat(cp.path("reason").asText()).isNotBlank();
                assertThat(cp.path("since").asText()).as("since when it is down").isNotBlank();
                assertThat(up(get(port, "/metrics").body(), "case_printer")).isZero();
            });
            JsonNode l1 = status(port).path("lines").path(0);
            assertThat(l1.path("case_reader").path("state").asText()).isEqualTo("ONLINE");
            assertThat(l1.path("printer").path("state").asText()).as("the item printer is another device")
                    .isEqualTo("ONLINE");
            assertThat(up(get(port, "/metrics").body(), "case_reader")).isEqualTo(1);
            HttpResponse<String> health = get(port, "/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
            JsonNode reasons = JSON.readTree(health.body()).path("reasons");
            assertThat(reasons).hasSize(1);
            assertThat(reasons.get(0).asText()).startsWith("line L1 case printer: OFFLINE (");

            try (LabelLog record = new LabelLog(new LabelDecoder()::text, dir.resolve("case-printed-2.jsonl"));
                 PrinterEmulator again = new PrinterEmulator("CASE", PrinterLanguage.ZPL,
                         InetAddress.getLoopbackAddress(), printerPort, record, null, null).start()) {
                // the edge reconnects with its back-off (at most a few seconds), then polls the printer's status
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode cp = status(port).path("lines").path(0).path("case_printer");
                    assertThat(cp.path("state").asText()).isEqualTo("ONLINE");
                    assertThat(cp.has("since")).as("no down time while ONLINE").isTrue();
                    assertThat(cp.path("since").isNull()).isTrue();
                    assertThat(up(get(port, "/metrics").body(), "case_printer")).isEqualTo(1);
                    assertThat(get(port, "/health").statusCode()).isEqualTo(200);
                });
                assertThat(again.connections()).isPositive();
            }
        }
    }

    private JsonNode status(int port) throws Exception {
        HttpResponse<String> r = get(port, "/api/status");
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code yima_device_up{device=…,line="L1"}} in a scrape; fails when the series is missing. */
    private static long up(String scrape, String device) {
        Matcher m = Pattern.compile("(?m)^yima_device_up\\{device=\"" + device + "\",line=\"L1\"} (\\S+)$")
                .matcher(scrape);
        assertThat(m.find()).as("yima_device_up for %s in %s", device, scrape).isTrue();
        return Math.round(Double.parseDouble(m.group(1)));
    }
}
