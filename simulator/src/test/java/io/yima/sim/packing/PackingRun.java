package io.yima.sim.packing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.JobReport;
import io.yima.vault.PackLevel;
import io.yima.vault.PackState;
import io.yima.vault.PackTree;
import io.yima.vault.PackUnit;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** A job on a {@link PackingLine} driven by a {@link PackingPlc}, and the checks every packing IT makes. */
final class PackingRun {
    private PackingRun() {
    }

    /**
     * HELLO version 2, START, {@code items} PRINT triggers at {@code rate} a second, every item's result, then
     * CLOSE_CASE for the short last case, every case's result, CLOSE. Returns the items the edge issued a code to.
     */
    static int run(PackingLine line, PackingPlc plc, String job, int items, double rate) throws Exception {
        assertThat(plc.call("HELLO", "2", "PLC-PACK")).isEqualTo("ACK,1,YIMA,2,L1,");
        assertThat(plc.call("START", job, "SKU-PACK", "B1", Integer.toString(items))).isEqualTo("ACK,2," + job);
        int issued = 0;
        long gapNanos = (long) (1e9 / rate);
        long next = System.nanoTime();
        for (int i = 1; i <= items; i++) {
            LockSupport.parkNanos(next - System.nanoTime()); // the line's pace, not a synchronisation
            next += gapNanos;
            if (plc.call("PRINT", "item-" + i).startsWith("ACK,")) {
                issued++;
            }
        }
        int expected = issued;
        await().atMost(Duration.ofMinutes(2)).until(() -> plc.results() == expected);
        List<String> open = line.packer.openCase();
        assertThat(plc.call("CLOSE_CASE")).endsWith("," + open.size());
        line.packer.closeCase();
        await().atMost(Duration.ofMinutes(1)).until(() -> plc.cases.size() == line.packer.record().size());
        assertThat(plc.call("CLOSE")).endsWith("," + job);
        plc.closed.get(30, TimeUnit.SECONDS);
        return issued;
    }

    /**
     * The vault's hierarchy is exactly {@code expectedParent} (item code → the case code holding it; items not in
     * the map are in no case): no item in two cases, every packed case PACKED with exactly its children, every
     * item of a refused case unpacked, every rejected item outside every case, the job's account balanced at the
     * item level and the packing level.
     */
    static void assertHierarchy(PackingLine line, PackingPlc plc, String job, Map<String, String> expectedParent) {
        CodeVault vault = line.vault();
        assertThat(plc.caseFramesTwice).as("a case result sent twice").isEmpty();
        List<PackUnit> units = vault.packing().units(job, PackLevel.CASE);
        Set<String> children = new HashSet<>();
        int packedChildren = 0;
        for (PackUnit u : units) {
            assertThat(u.state()).isEqualTo(PackState.PACKED);
            for (String child : u.children()) {
                assertThat(children.add(child)).as("item %s in two cases", child).isTrue();
                packedChildren++;
            }
        }
        Map<String, String> actualParent = new HashMap<>();
        for (String code : plc.ok.values()) {
            PackTree t = vault.packing().tree(code);
            assertThat(t.known()).isTrue();
            t.parent().ifPresent(p -> actualParent.put(code, p.code()));
            assertThat(vault.byCode(code).orElseThrow().state()).isEqualTo(CodeState.BOUND);
        }
        assertThat(actualParent).as("every item in the case the records say, the others in none")
                .isEqualTo(expectedParent);
        for (String item : plc.rejected.keySet()) {
            CodeRecord c = vault.issuedTo(job, item).orElseThrow();
            assertThat(vault.packing().tree(c.code()).parent()).as("rejected %s packed", item).isEmpty();
        }
        JobReport report = vault.jobReport(job);
        assertThat(report.balanced()).as("no code left RESERVED or SENT: %s", report).isTrue();
        assertThat(report.printed()).isEqualTo(report.bound() + report.rejected() + report.voidedAfterSent());
        assertThat(report.bound()).isEqualTo(plc.ok.size());
        long unpacked = plc.ok.values().stream().filter(c -> !expectedParent.containsKey(c)).count();
        assertThat(packedChildren + unpacked).as("packed + unpacked items = bound items").isEqualTo(report.bound());
        assertThat(units).hasSize((int) plc.cases.values().stream().filter(PackingPlc.CaseResult::packed).count());
    }
}
