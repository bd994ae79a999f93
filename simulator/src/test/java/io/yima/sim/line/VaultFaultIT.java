package io.yima.sim.line;

import static io.yima.sim.line.PlcSocket.last;
import static org.assertj.core.api.Assertions.assertThat;

import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.JobReport;
import io.yima.vault.JobState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vault refusing writes mid-job (SQLite failing each write the line makes, see {@link #writesFail}) is a
 * device fault: the PLC hears FAULT vault and its PRINT is refused VAULT, /health says
 * why, nothing is half-done in the vault, and once writes succeed again the PLC hears CLEARED and the line runs on.
 */
class VaultFaultIT {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Makes every write the line does fail inside SQLite (or stop failing), from a connection of the test's own as
     * another process would: triggers that RAISE on the tables the line writes. The edge's connections see the
     * schema change at their next statement; its writes then fail with SQLite's error, as a full disk would.
     */
    private static void writesFail(CodeVault vault, boolean fail) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + vault.file());
             Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 10000");
            // every vault change appends to `event`; the line's own rows go to line_event(_block)
            String[][] targets = {{"event", "INSERT"}, {"code", "UPDATE"}, {"line_event", "INSERT"},
                    {"line_event_block", "INSERT"}, {"line_event_block", "UPDATE"}};
            for (String[] t : targets) {
                String name = "fail_" + t[0] + "_" + t[1].toLowerCase();
                st.execute(fail
                        ? "CREATE TRIGGER " + name + " BEFORE " + t[1] + " ON " + t[0]
                                + " BEGIN SELECT RAISE(ABORT, 'database or disk is full (test)'); END"
                        : "DROP TRIGGER " + name);
            }
        }
    }

    @Test
    void aVaultThatRefusesWritesFaultsTheLineNaksThePrintAndTheLineResumesWhenItIsBack(@TempDir Path dir)
            throws Exception {
        try (LiveLine line = new LiveLine(dir, 200, new ScannerFaults(1), Map.of());
             PlcSocket plc = new PlcSocket(line.plcPort())) {
            CodeVault vault = line.vault();
            plc.call("HELLO,1,1,IT");
            assertThat(last(plc.call("START,2,J-V,SKU,B,10,symbol=QR"))).isEqualTo("ACK,2,J-V");
            assertThat(last(plc.call("PRINT,3,item-1"))).startsWith("ACK,3,item-1,");
            plc.readUntil(f -> f.startsWith("OK,") && f.contains(",item-1,"));

            writesFail(vault, true);
            List<String> refused = plc.call("PRINT,4,item-2");
            assertThat(last(refused)).startsWith("NAK,4,VAULT,");
            assertThat(refused).as("FAULT is sent before the refusals it causes")
                    .anyMatch(f -> f.matches("FAULT,\\d+,vault,.+"));
            assertThat(last(plc.call("STATUS,5"))).startsWith("ACK,5,PAUSED,J-V,");
            assertThat(last(plc.call("PRINT,6,item-3"))).startsWith("NAK,6,VAULT,");
            HttpResponse<String> health = get(line.statusPort(), "/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("vault");
            assertThat(get(line.statusPort(), "/api/status").body()).contains("\"state\":\"FAULT\"");
            assertThat(vault.issuedTo("J-V", "item-2")).as("nothing half-done").isEmpty();

            writesFail(vault, false);
            plc.readUntil(f -> f.matches("CLEARED,\\d+,vault"));
            assertThat(last(plc.call("PRINT,7,item-2"))).startsWith("ACK,7,item-2,");
            plc.readUntil(f -> f.startsWith("OK,") && f.contains(",item-2,"));
            List<String> close = plc.call("CLOSE,8");
            assertThat(last(close)).isEqualTo("ACK,8,J-V");
            assertThat(close).as("the account, sent before the ACK").anyMatch(f -> f.matches("CLOSED,\\d+,J-V,2,2,0,0"));

            JobReport report = vault.jobReport("J-V");
            assertThat(report.balanced()).isTrue();
            assertThat(report.indexes().get(CodeState.BOUND)).hasSize(2);
            assertThat(line.labelReads()).hasSize(2);
        }
    }

    @Test
    void aScanWhoseBindFailsWaitsOutTheFaultAndIsBoundWhenTheVaultIsBack(@TempDir Path dir) throws Exception {
        // every read 1.5 s late, so the vault can fail between a label's SENT and its scan
        try (LiveLine line = new LiveLine(dir, 200, new ScannerFaults(1).delayRate(1.0, 1500), Map.of());
             PlcSocket plc = new PlcSocket(line.plcPort())) {
            CodeVault vault = line.vault();
            plc.call("HELLO,1,1,IT");
            plc.call("START,2,J-B,SKU,B,10,symbol=QR");
            String ack = last(plc.call("PRINT,3,item-1"));
            long index = Long.parseLong(ack.substring(ack.lastIndexOf(',') + 1));
            writesFail(vault, true);

            plc.readUntil(f -> f.matches("FAULT,\\d+,vault,.+"));
            assertThat(vault.byIndex(LiveLine.APP, index).orElseThrow().state()).as("neither bound nor lost")
                    .isEqualTo(CodeState.SENT);
            assertThat(plc.received()).noneMatch(f -> f.startsWith("OK,") || f.startsWith("REJECT,"));

            writesFail(vault, false);
            List<String> after = plc.readUntil(f -> f.startsWith("OK,") && f.contains(",item-1,"));
            assertThat(after).anyMatch(f -> f.matches("CLEARED,\\d+,vault"));
            assertThat(vault.byIndex(LiveLine.APP, index).orElseThrow().state()).isEqualTo(CodeState.BOUND);
        }
    }

    @Test
    void aJobIsNeitherOpenedNorClosedHalfWayWhileTheVaultFails(@TempDir Path dir) throws Exception {
        try (LiveLine line = new LiveLine(dir, 200, new ScannerFaults(1), Map.of());
             PlcSocket plc = new PlcSocket(line.plcPort())) {
            CodeVault vault = line.vault();
            plc.call("HELLO,1,1,IT");

            writesFail(vault, true);
            List<String> start = plc.call("START,2,J-S,SKU,B,10,symbol=QR");
            assertThat(last(start)).startsWith("NAK,2,VAULT,");
            assertThat(start).anyMatch(f -> f.matches("FAULT,\\d+,vault,.+"));
            assertThat(vault.job("J-S")).as("no job row").isEmpty();
            writesFail(vault, false);
            plc.readUntil(f -> f.matches("CLEARED,\\d+,vault"));

            assertThat(last(plc.call("START,3,J-S,SKU,B,10,symbol=QR"))).isEqualTo("ACK,3,J-S");
            assertThat(last(plc.call("PRINT,4,item-1"))).startsWith("ACK,4,item-1,");
            plc.readUntil(f -> f.startsWith("OK,") && f.contains(",item-1,"));

            writesFail(vault, true);
            assertThat(last(plc.call("CLOSE,5"))).startsWith("NAK,5,VAULT,");
            assertThat(vault.jobState("J-S")).as("still open").isEqualTo(JobState.OPEN);
            assertThat(vault.jobReport("J-S").reserved()).as("its prefetch still reserved").isPositive();
            writesFail(vault, false);
            plc.readUntil(f -> f.matches("CLEARED,\\d+,vault"));

            List<String> close = plc.call("CLOSE,6");
            assertThat(last(close)).isEqualTo("ACK,6,J-S");
            assertThat(close).anyMatch(f -> f.matches("CLOSED,\\d+,J-S,1,1,0,0"));
            assertThat(vault.jobReport("J-S").balanced()).isTrue();
        }
    }
}
