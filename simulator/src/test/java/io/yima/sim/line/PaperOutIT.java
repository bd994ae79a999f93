package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.sim.plc.PlcFrame;
import io.yima.sim.plc.ScenarioResult;
import io.yima.sim.scanner.ScannerFaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roll runs out mid-job: the PLC hears FAULT with the printer's own reason, triggers are refused PAUSED
 * while it lasts (docs/plc-protocol.md: the edge does not queue them), labels left in the printer are dropped and
 * their items rejected PRINTER_FAULT, and the job completes after a new roll.
 */
class PaperOutIT {
    static final int ITEMS = 1000;
    static final int ROLL = 400;

    @Test
    void paperOutPausesTheLineRefusesTriggersAndTheJobCompletesAfterLoadingPaper(@TempDir Path dir)
            throws Exception {
        // The belt is long enough for a roll change: labels waiting in the printer must not time out meanwhile.
        try (LiveLine line = new LiveLine(dir, ITEMS + 500, new ScannerFaults(1),
                Map.of("verify", Map.of("window", "20s")))) {
            line.printer().faults().paperOutAfter(ROLL);
            LiveLine.PlcRun run = line.run("J-PAPER", ITEMS, 200, Map.of("symbol", "QR"));

            await().atMost(Duration.ofSeconds(30)).until(() -> !run.frames("FAULT").isEmpty());
            PlcFrame fault = run.frames("FAULT").get(0);
            assertThat(fault.field(2)).isEqualTo("printer");
            assertThat(fault.field(3)).as("the printer's reason").containsIgnoringCase("paper");
            await().atMost(Duration.ofSeconds(10)).until(() -> pausedNaks(run).size() >= 3);
            assertThat(line.printer().labelsPrinted()).as("nothing prints without paper").isEqualTo(ROLL);
            assertThat(run.frames("CLEARED").stream().filter(c -> "printer".equals(c.field(2)))
                    .filter(c -> c.number() > fault.number())).as("still faulted").isEmpty();
            line.printer().faults().loadPaper();
            ScenarioResult r = run.await();

            assertThat(r.faults()).filteredOn(f -> f.number() > fault.number())
                    .anyMatch(f -> f.command().equals("CLEARED") && f.field(2).equals("printer"));
            line.assertAccounted(r, "J-PAPER");
            line.assertPrintedLabelsDecideItems(r, "J-PAPER");
            // Labels that went into the empty printer before the edge heard of the fault were dropped there (~JA):
            // their items are rejected PRINTER_FAULT, never printed later; every other item is bound.
            assertThat(r.items()).as("bound, or dropped with the empty printer's buffer")
                    .allMatch(i -> "OK".equals(i.result()) || "PRINTER_FAULT".equals(i.detail()));
            assertThat(line.printer().labelsPrinted()).isEqualTo(r.items().stream()
                    .filter(i -> "OK".equals(i.result())).count());
        }
    }

    private static List<PlcFrame> pausedNaks(LiveLine.PlcRun run) {
        return run.frames("NAK").stream().filter(n -> "PAUSED".equals(n.field(2))).toList();
    }
}
