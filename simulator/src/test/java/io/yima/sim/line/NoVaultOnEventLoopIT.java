package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.sim.plc.ScenarioResult;
import io.yima.sim.scanner.ScannerFaults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running daemon never touches SQLite on a Netty I/O loop: a job driven through the PLC port while the status
 * port is scraped (dashboard, JSON, metrics, health, the job's report) leaves the vault's event-loop guard with
 * no refusal, and every page answers.
 */
class NoVaultOnEventLoopIT {
    private final HttpClient http = HttpClient.newHttpClient();

    private int get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aJobAndTheStatusPortRunWithoutOneVaultCallOnAnIoLoop(@TempDir Path dir) throws Exception {
        try (LiveLine line = new LiveLine(dir, 800, new ScannerFaults(5).noReadRate(0.02), Map.of())) {
            LiveLine.PlcRun run = line.run("J-LOOP", 400, 150, Map.of("symbol", "QR"));
            int port = line.statusPort();
            await().atMost(Duration.ofSeconds(10)).until(() -> "J-LOOP".equals(line.line().currentJobId()));
            int scrapes = 0;
            while (!run.result().isDone() || scrapes < 5) {
                for (String path : List.of("/", "/api/status", "/metrics", "/api/jobs/J-LOOP", "/api/jobs",
                        "/api/jobs/J-LOOP/codes.csv", "/api/jobs/J-LOOP/codes.json", "/api/activations/failed",
                        "/api/audit", "/api/lines/L1/label", "/api/ui")) {
                    assertThat(get(port, path)).as(path).isEqualTo(200);
                }
                assertThat(get(port, "/health")).as("/health").isIn(200, 503);
                scrapes++;
            }
            ScenarioResult r = run.await();
            line.assertAccounted(r, "J-LOOP");
            assertThat(line.vault().eventLoopRefusals()).as("vault calls refused on an I/O loop").isZero();
        }
    }
}
