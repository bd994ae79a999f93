package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.sim.plc.ScenarioResult;
import io.yima.sim.scanner.Injection;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.CodeState;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scanner that loses, garbles and repeats reads and puts garbage on the line: each item gets the verdict its
 * read deserves, checked label by label against the scanner's own ground truth.
 */
class ScannerFaultsIT {
    static final int ITEMS = 3000;

    @Test
    void lostAndGarbledReadsAreRejectedCleanReadsBoundAndRepeatsRejectNothing(@TempDir Path dir) throws Exception {
        ScannerFaults faults = new ScannerFaults(7).noReadRate(0.02).misreadRate(0.005).duplicateRate(0.001)
                .garbageRate(0.005);
        try (LiveLine line = new LiveLine(dir, ITEMS + 500, faults, Map.of())) {
            ScenarioResult r = line.run("J-SCAN", ITEMS, 200, Map.of("symbol", "QR")).await();

            line.assertAccounted(r, "J-SCAN");
            List<LiveLine.LabelVerdict> labels = line.scannedLabels();
            assertThat(labels).hasSize(ITEMS);
            Map<Injection, Integer> injected = new EnumMap<>(Injection.class);
            for (LiveLine.LabelVerdict l : labels) {
                Injection what = l.scan().injected();
                injected.merge(what, 1, Integer::sum);
                String label = "label " + l.scan().labelSeq() + " (" + what + ", item " + l.code().itemId() + ")";
                switch (what) {
                    case NO_READ -> {
                        assertThat(l.code().state()).as(label).isEqualTo(CodeState.REJECTED);
                        assertThat(l.code().reason()).as(label).isEqualTo("NO_READ");
                    }
                    case MISREAD -> {
                        assertThat(l.code().state()).as(label).isEqualTo(CodeState.REJECTED);
                        assertThat(l.code().reason()).as(label).isIn("FOREIGN", "MISMATCH");
                    }
                    default -> assertThat(l.code().state()).as(label).isEqualTo(CodeState.BOUND);
                }
            }
            assertThat(injected).as("every fault kind was injected").containsKeys(Injection.NO_READ,
                    Injection.MISREAD, Injection.DUPLICATE, Injection.GARBAGE);
            long lostOrGarbled = injected.get(Injection.NO_READ) + injected.get(Injection.MISREAD);
            assertThat(line.vault().jobReport("J-SCAN").rejected()).as("only lost or garbled reads reject")
                    .isEqualTo(lostOrGarbled);
            assertThat(line.vault().jobReport("J-SCAN").bound()).isEqualTo(ITEMS - lostOrGarbled);
            assertThat(line.line().snapshot().duplicateReads()).as("repeated reads counted")
                    .isEqualTo(injected.get(Injection.DUPLICATE).longValue());
        }
    }
}
