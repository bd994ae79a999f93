package io.yima.sim.packing;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.sim.scanner.ScanRecord;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.Sscc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Count-and-close on a whole emulated line over the ASCII PLC protocol (version 2): the edge closes a case after
 * 12 verified items, prints its SSCC label on the case printer, and packs the items once the case scanner reads
 * the label. Item scanner faults reject items (never packed); case scanner no-reads and misreads reject cases
 * CASE_NO_READ (their items stay unpacked). Judged against the case packer's and the case scanner's records.
 */
class CountAndCloseLineIT {
    @TempDir
    Path dir;

    @Test
    void casesOfTwelveHoldExactlyTheirVerifiedItemsAndUnreadCasesStayUnpacked() throws Exception {
        int items = 600;
        ScannerFaults itemFaults = new ScannerFaults(7).noReadRate(0.03).misreadRate(0.01);
        ScannerFaults caseFaults = new ScannerFaults(11).noReadRate(0.08).misreadRate(0.04);
        try (PackingLine line = new PackingLine(dir, items + 50, 12, itemFaults, caseFaults, null,
                Duration.ofSeconds(3));
             PackingPlc plc = new PackingPlc(line.plcPort(), line.packer)) {
            int issued = PackingRun.run(line, plc, "JCOUNT", items, 40);
            assertThat(issued).isEqualTo(items);
            assertThat(plc.rejected).as("item scanner faults rejected some items").isNotEmpty();

            List<CasePacker.PackedCase> truth = line.packer.record();
            List<ScanRecord> reads = line.caseReader.records();
            assertThat(truth).hasSize((plc.ok.size() + 11) / 12);
            assertThat(reads).as("one case label read per case").hasSize(truth.size());
            Map<String, String> expectedParent = new HashMap<>();
            int refused = 0;
            for (CasePacker.PackedCase c : truth) {
                PackingPlc.CaseResult r = plc.cases.get(c.number());
                ScanRecord read = reads.get((int) c.number() - 1);
                assertThat(r.items()).isEqualTo(c.items().size());
                assertThat(Sscc.digitsOf(read.truth())).as("case %s's label", c.number()).isEqualTo(r.caseCode());
                if (read.edgeCannotHaveRead()) {
                    assertThat(r.reason()).as("case %s, label %s", c.number(), read.injected()).isEqualTo("CASE_NO_READ");
                    refused++;
                } else {
                    assertThat(r.packed()).as("case %s: %s", c.number(), r).isTrue();
                    assertThat(line.vault().packing().unit(r.caseCode()).orElseThrow().children())
                            .as("case %s holds the items the packer put in it, in belt order", c.number())
                            .containsExactlyElementsOf(c.items());
                    c.items().forEach(i -> expectedParent.put(i, r.caseCode()));
                }
            }
            assertThat(refused).as("some case labels went unread").isPositive();
            assertThat(refused).as("most cases packed").isLessThan(truth.size() / 2);
            PackingRun.assertHierarchy(line, plc, "JCOUNT", expectedParent);
        }
    }
}
