package io.yima.sim.packing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeState;
import io.yima.vault.JobReport;
import io.yima.vault.PackUnit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ASCII protocol's version 2 conversation on a count-and-close line with WeChat case codes, over a real
 * socket: two cases of two close by count, a short third by CLOSE_CASE; each case label is a code of the case
 * application, committed SENT before it printed and BOUND by the pack; a version 1 session neither hears case
 * events nor may close a case.
 */
class PlcCaseConversationIT {
    static final long CASE_APP = 700000001L;

    @TempDir
    Path dir;

    @Test
    void casesWithWechatCaseCodesOverProtocolVersionTwo() throws Exception {
        try (PackingLine line = new PackingLine(dir, 20, 2, new ScannerFaults(1), new ScannerFaults(2), null,
                Duration.ofSeconds(5), Map.of(), CASE_APP);
             PackingPlc plc = new PackingPlc(line.plcPort(), line.packer)) {
            PackingRun.run(line, plc, "JWX", 5, 20);

            assertThat(plc.ok).hasSize(5);
            assertThat(plc.cases.keySet()).containsExactlyInAnyOrder(1L, 2L, 3L);
            for (PackingPlc.CaseResult r : plc.cases.values()) {
                assertThat(r.packed()).as("%s", r).isTrue();
                CodeRecord label = line.vault().byCode(r.caseCode()).orElseThrow();
                assertThat(label.applicationId()).isEqualTo(CASE_APP);
                assertThat(label.state()).isEqualTo(CodeState.BOUND);
                assertThat(label.jobId()).isEqualTo("JWX");
                PackUnit unit = line.vault().packing().unit(r.caseCode()).orElseThrow();
                assertThat(unit.children()).containsExactlyElementsOf(
                        line.packer.record().get((int) r.caseNumber() - 1).items());
            }
            assertThat(plc.cases.get(3L).items()).isEqualTo(1);
            JobReport report = line.vault().jobReport("JWX");
            assertThat(report.balanced()).as("%s", report).isTrue();
            assertThat(report.printed()).isEqualTo(report.bound() + report.rejected() + report.voidedAfterSent());
            // the case labels are codes of the case application: the job's item account (report, CLOSED, STATUS)
            // counts the items only, the cases are the packing units'
            assertThat(report.bound()).isEqualTo(plc.ok.size());
            assertThat(plc.closed.get()).endsWith(",JWX,5,5,0,0");
            assertThat(line.vault().packing().units("JWX", io.yima.vault.PackLevel.CASE)).hasSize(3);
            List<CasePacker.PackedCase> truth = line.packer.record();
            assertThat(truth).hasSize(3);
        }
    }

    @Test
    void aVersionOneSessionHearsNoCaseEventsAndMayNotCloseACase() throws Exception {
        try (PackingLine line = new PackingLine(dir, 20, 2, new ScannerFaults(1), new ScannerFaults(2), null,
                Duration.ofSeconds(5), Map.of(), CASE_APP);
             PackingPlc plc = new PackingPlc(line.plcPort(), line.packer)) {
            assertThat(plc.call("HELLO", "1", "PLC-OLD")).isEqualTo("ACK,1,YIMA,1,L1,");
            assertThat(plc.call("START", "JV1", "SKU", "B1", "2")).isEqualTo("ACK,2,JV1");
            assertThat(plc.call("PRINT", "item-1")).startsWith("ACK,3,item-1,");
            assertThat(plc.call("PRINT", "item-2")).startsWith("ACK,4,item-2,");
            await().atMost(Duration.ofSeconds(20)).until(() -> plc.ok.size() == 2);
            // the case of two closed and was packed in the vault, but this PLC speaks version 1: no case event
            await().atMost(Duration.ofSeconds(20)).until(() -> !line.vault().packing()
                    .units("JV1", io.yima.vault.PackLevel.CASE).isEmpty());
            assertThat(plc.call("CLOSE_CASE")).isEqualTo(
                    "NAK,5,UNKNOWN_COMMAND,CLOSE_CASE is protocol version 2 (HELLO%2Cseq%2C2%2C%E2%80%A6)");
            assertThat(plc.call("CLOSE")).isEqualTo("ACK,6,JV1");
            plc.closed.get(30, TimeUnit.SECONDS);
            assertThat(plc.cases).isEmpty();
        }
    }

    @Test
    void afterAnEdgeRestartTheResumedJobPacksOnAndCaseNumbersContinue() throws Exception {
        try (PackingLine line = new PackingLine(dir, 20, 2, new ScannerFaults(1), new ScannerFaults(2), null,
                Duration.ofSeconds(5), Map.of(), CASE_APP)) {
            try (PackingPlc plc = new PackingPlc(line.plcPort(), line.packer)) {
                assertThat(plc.call("HELLO", "2", "PLC-PACK")).isEqualTo("ACK,1,YIMA,2,L1,");
                assertThat(plc.call("START", "JRS", "SKU", "B1", "10")).isEqualTo("ACK,2,JRS");
                for (int i = 1; i <= 3; i++) {
                    assertThat(plc.call("PRINT", "item-" + i)).startsWith("ACK,");
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> plc.ok.size() == 3 && plc.cases.size() == 1);
                assertThat(plc.cases.get(1L).packed()).isTrue();
            }
            line.restartEdge(); // item-3 is in the case that was open: its count is not kept

            try (PackingPlc plc = new PackingPlc(line.plcPort(), new CasePacker(2))) {
                assertThat(plc.call("HELLO", "2", "PLC-PACK")).isEqualTo("ACK,1,YIMA,2,L1,JRS");
                assertThat(plc.call("PRINT", "item-4")).startsWith("ACK,");
                assertThat(plc.call("PRINT", "item-5")).startsWith("ACK,");
                await().atMost(Duration.ofSeconds(20)).until(() -> plc.cases.containsKey(2L));
                PackingPlc.CaseResult second = plc.cases.get(2L);
                assertThat(second.packed()).as("%s", second).isTrue();
                assertThat(line.vault().packing().unit(second.caseCode()).orElseThrow().children())
                        .containsExactly(plc.ok.get("item-4"), plc.ok.get("item-5"));
                assertThat(line.vault().packing().tree(plc.ok.get("item-3")).parent()).isEmpty();
                assertThat(line.vault().packing().units("JRS", io.yima.vault.PackLevel.CASE)).hasSize(2);
            }
        }
    }
}
