package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.sim.plc.ItemOutcome;
import io.yima.sim.plc.ScenarioResult;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.CodeState;
import io.yima.vault.JobReport;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole line without faults: 10,000 triggered items, every one bound, every code accounted for. */
class CleanRunIT {
    static final int ITEMS = Integer.getInteger("line.clean.items", 10_000);

    @Test
    void tenThousandTriggeredItemsAreAllBoundAndTheJobBalances(@TempDir Path dir) throws Exception {
        try (LiveLine line = new LiveLine(dir, ITEMS + 500, new ScannerFaults(1), Map.of())) {
            LiveLine.PlcRun run = line.run("J-CLEAN", ITEMS, 200, Map.of("symbol", "QR", "mode", "TRIGGERED"));
            ScenarioResult r = run.await();

            assertThat(r.items()).hasSize(ITEMS).allMatch(i -> "OK".equals(i.result()), "bound");
            line.assertAccounted(r, "J-CLEAN");
            JobReport report = line.vault().jobReport("J-CLEAN");
            assertThat(report.bound()).isEqualTo(ITEMS);
            assertThat(report.printed()).isEqualTo(ITEMS);
            assertThat(report.rejected() + report.voided()).isZero();
            assertThat(line.labelReads()).hasSize(ITEMS);
            assertThat(line.labelReads()).allSatisfy(read ->
                    assertThat(line.vault().resolveRead(read).orElseThrow().state()).isEqualTo(CodeState.BOUND));
            assertThat(r.items()).extracting(ItemOutcome::results).containsOnly(1);
        }
    }
}
