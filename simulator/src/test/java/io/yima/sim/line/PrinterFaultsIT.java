package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.sim.plc.PlcFrame;
import io.yima.sim.plc.ScenarioResult;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import io.yima.vault.JobReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The printer going away in the middle of a job: the line pauses and tells the PLC, nothing is re-sent, labels
 * that never came out are rejected, and the job finishes and balances once the printer is back.
 */
class PrinterFaultsIT {
    static final int ITEMS = 1500;

    @TempDir
    Path dir;

    @Test
    void aDroppedPrinterConnectionPausesTheLineAndNoCodeIsPrintedTwice() throws Exception {
        try (LiveLine line = new LiveLine(dir, ITEMS + 500, new ScannerFaults(1), Map.of())) {
            LiveLine.PlcRun run = line.run("J-DROP", ITEMS, 200, Map.of("symbol", "QR"));
            await().atMost(Duration.ofSeconds(30)).until(() -> line.printer().labelsPrinted() >= ITEMS / 3);
            line.printer().faults().dropConnections();
            ScenarioResult r = run.await();

            assertPausedAndResumed(r);
            checkFaultedJob(line, r, "J-DROP");
        }
    }

    @Test
    void aPowerCycleLosesTheBufferedLabelsAndTheirItemsAreRejected() throws Exception {
        try (LiveLine line = new LiveLine(dir, ITEMS + 500, new ScannerFaults(1), Map.of())) {
            LiveLine.PlcRun run = line.run("J-POWER", ITEMS, 200, Map.of("symbol", "QR"));
            await().atMost(Duration.ofSeconds(30)).until(() -> line.printer().labelsPrinted() >= ITEMS / 3);
            line.printer().faults().printRate(100); // slower than the triggers: formats pile up in its buffer
            await().atMost(Duration.ofSeconds(30)).until(() -> line.printer().formatsBuffered() >= 10);
            line.printer().faults().powerCycle(1000);
            line.printer().faults().printRate(0);
            ScenarioResult r = run.await();

            assertPausedAndResumed(r);
            Map<String, Long> lost = checkFaultedJob(line, r, "J-POWER");
            assertThat(lost.values().stream().mapToLong(Long::longValue).sum())
                    .as("labels lost with the printer's buffer, their items rejected: %s", lost).isGreaterThanOrEqualTo(10);
        }
    }

    private static void assertPausedAndResumed(ScenarioResult r) {
        List<String> printerEvents = r.faults().stream().filter(f -> "printer".equals(f.field(2)))
                .map(PlcFrame::command).dropWhile(c -> !c.equals("FAULT")).toList();
        assertThat(printerEvents).as("the PLC heard the fault and its clearing").startsWith("FAULT", "CLEARED")
                .endsWith("CLEARED");
    }

    /** The checks both faults share; returns the reasons given to items whose label never came out. */
    private static Map<String, Long> checkFaultedJob(LiveLine line, ScenarioResult r, String job) {
        line.assertAccounted(r, job);
        Map<String, Long> lost = line.assertPrintedLabelsDecideItems(r, job);
        JobReport report = line.vault().jobReport(job);
        assertThat(report.printed()).as("every item got a label after recovery").isEqualTo(ITEMS);
        for (long index : report.indexes().get(CodeState.VOIDED)) {
            CodeRecord c = line.vault().byIndex(LiveLine.APP, index).orElseThrow();
            assertThat(c.reason()).as("voided code %s: its send failed, or the printer dropped it", index)
                    .isIn("SEND_FAILED", "PRINTER_FAULT");
            assertThat(r.items()).filteredOn(i -> i.item().equals(c.itemId())).singleElement()
                    .matches(i -> "REJECT".equals(i.result()) && "PRINTER_FAULT".equals(i.detail()), "PRINTER_FAULT");
        }
        assertThat(report.bound()).as("most items bound").isGreaterThan(ITEMS * 9L / 10);
        return lost;
    }
}
