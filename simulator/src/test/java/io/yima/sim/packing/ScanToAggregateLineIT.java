package io.yima.sim.packing;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.Sscc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scan-to-aggregate on a whole emulated line over the ASCII PLC protocol (version 2): the camera above each case
 * sends its item codes and case label in one frame, with every fault kind injected (an item missing, a foreign
 * code, an item of the previous case, an unread case label, a frame later than the case window). Each case is
 * packed exactly as the camera saw it, or refused with the reason its fault calls for, and the vault's hierarchy
 * is exactly the packed frames.
 */
class ScanToAggregateLineIT {
    @TempDir
    Path dir;

    @Test
    void everyCameraFaultGetsItsTypedRefusalAndTheHierarchyIsExactlyThePackedFrames() throws Exception {
        int items = 1200;
        ScannerFaults itemFaults = new ScannerFaults(5).noReadRate(0.02);
        CameraFaults cameraFaults = new CameraFaults(13).missingRate(0.06).foreignRate(0.06).alreadyPackedRate(0.06)
                .caseNoReadRate(0.06).lateRate(0.06, 3000);
        try (PackingLine line = new PackingLine(dir, items + 50, 12, itemFaults, null, cameraFaults,
                Duration.ofSeconds(2));
             PackingPlc plc = new PackingPlc(line.plcPort(), line.packer)) {
            PackingRun.run(line, plc, "JSCAN", items, 40);

            List<CameraRecord> seen = line.camera.records();
            assertThat(seen).hasSize(line.packer.record().size());
            Map<String, String> expectedParent = new HashMap<>();
            Map<CameraInjection, Integer> kinds = new EnumMap<>(CameraInjection.class);
            for (CameraRecord c : seen) {
                kinds.merge(c.injected(), 1, Integer::sum);
                PackingPlc.CaseResult r = plc.cases.get(c.caseNumber());
                assertThat(r).as("result of case %s", c.caseNumber()).isNotNull();
                assertThat(Sscc.digitsOf(c.caseCode())).as("case %s's label", c.caseNumber()).isEqualTo(r.caseCode());
                List<String> shown = List.of(c.frame().split(";")).subList(0, c.frame().split(";").length - 1);
                String expected = switch (c.injected()) {
                    case NONE -> null;
                    case MISSING -> "MISSING";
                    case FOREIGN -> "FOREIGN";
                    case CASE_NO_READ, LATE -> "CASE_NO_READ";
                    // an item of the case before: packed there, unless that case was refused and left it unpacked
                    case ALREADY_PACKED -> plc.cases.get(c.caseNumber() - 1).packed() ? "ALREADY_PACKED" : null;
                };
                assertThat(r.reason()).as("case %s with camera fault %s", c.caseNumber(), c.injected())
                        .isEqualTo(expected);
                if (r.packed()) {
                    assertThat(line.vault().packing().unit(r.caseCode()).orElseThrow().children())
                            .as("case %s holds what the camera saw", c.caseNumber())
                            .containsExactlyInAnyOrderElementsOf(shown);
                    shown.forEach(i -> expectedParent.put(i, r.caseCode()));
                }
            }
            assertThat(kinds.keySet()).as("every camera fault kind happened").containsExactlyInAnyOrder(
                    CameraInjection.values());
            PackingRun.assertHierarchy(line, plc, "JSCAN", expectedParent);
        }
    }
}
