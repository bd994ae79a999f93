package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.sim.plc.PlcFrame;
import io.yima.sim.plc.ScenarioResult;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.JobReport;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STREAM mode: no triggers; the edge prints ahead, never more than stream.depth labels awaiting their read. */
class StreamModeIT {
    static final int ITEMS = 1000;
    static final int DEPTH = 4;

    @Test
    void theEdgePrintsAheadWithinTheDepthAndBindsEveryItem(@TempDir Path dir) throws Exception {
        try (LiveLine line = new LiveLine(dir, ITEMS + 500, new ScannerFaults(1),
                Map.of("stream", Map.of("depth", DEPTH)))) {
            LiveLine.PlcRun run = line.run("J-STREAM", ITEMS, 1, Map.of("symbol", "QR", "mode", "STREAM"));
            ScenarioResult r = run.await();

            assertThat(r.items()).hasSize(ITEMS).allMatch(i -> "OK".equals(i.result()), "bound");
            assertThat(run.frames("NAK")).as("no trigger was needed or refused").isEmpty();
            line.assertAccounted(r, "J-STREAM");
            JobReport report = line.vault().jobReport("J-STREAM");
            assertThat(report.bound()).isEqualTo(ITEMS);
            assertThat(report.printed()).isEqualTo(ITEMS);
            assertThat(line.labelReads()).hasSize(ITEMS);
            assertThat(maxAwaitingRead(run)).as("labels printed ahead, at most the depth").isBetween(2, DEPTH);
        }
    }

    /** Labels announced PRINTED and not yet resolved, at the worst moment of the PLC's event stream. */
    private static int maxAwaitingRead(LiveLine.PlcRun run) {
        int awaiting = 0;
        int max = 0;
        for (PlcFrame f : run.plc().received()) {
            switch (f.command()) {
                case "PRINTED" -> max = Math.max(max, ++awaiting);
                case "OK", "REJECT" -> awaiting--;
                default -> { }
            }
        }
        return max;
    }
}
