package io.yima.sim.packing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.PackLevel;
import io.yima.vault.PackState;
import io.yima.vault.PackTree;
import io.yima.vault.PackUnit;
import io.yima.vault.Sscc;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scan-to-aggregate one level up ({@code packing.pallet_scanner}, docs/aggregation.md "Pallets") on a whole
 * emulated line over the ASCII PLC protocol: 2 items a case, 2 cases a pallet, the pallet's SSCC label on a pallet
 * printer of its own, and a handheld at the end of the line (a plain TCP client on the edge's {@code listen://}
 * pallet reader port) sending one frame per pallet, {@code case;case;PALLET:<pallet label>}, built from the labels
 * the case and pallet printers really printed. A frame showing exactly the pallet's cases packs it; a frame
 * missing a case, one with a code that is not a case of the job, no frame within the pallet window, a case swapped
 * for a loose case of the job and a case of another pallet reject it (MISSING, FOREIGN, CASE_NO_READ, EXTRA,
 * ALREADY_PACKED) and leave its cases packed in their cases, on no pallet; a frame after the window packs nothing;
 * REPALLET puts a rejected pallet's cases on a new pallet, packed once its own frame checks out.
 */
class PalletScanLineIT {
    private static final Duration WINDOW = Duration.ofSeconds(5);

    @TempDir
    java.nio.file.Path dir;

    @Test
    void aPalletIsPackedOnlyWhenTheReaderShowsExactlyItsCasesAndItsLabelWithinTheWindow() throws Exception {
        Map<String, Object> packing = Map.of("per_pallet", 2,
                "pallet_scanner", Map.of("uri", "listen://127.0.0.1:0"), "pallet_window", WINDOW.toSeconds() + "s");
        try (PackingLine line = new PackingLine(dir, 60, 2, new ScannerFaults(1), new ScannerFaults(2), null,
                Duration.ofSeconds(5), Map.of("packing", packing));
             PackingPlc plc = new PackingPlc(line.plcPort(), line.packer)) {
            int port = line.edge.caseDevices(PackingLine.LINE).palletReaderPort();
            assertThat(port).isPositive();
            assertThat(plc.call("HELLO", "2", "PLC-PACK")).isEqualTo("ACK,1,YIMA,2,L1,");
            assertThat(plc.call("START", "JSCAN", "SKU-PACK", "B1", "24")).isEqualTo("ACK,2,JSCAN");
            try (Socket handheld = new Socket()) {
                handheld.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                OutputStream out = handheld.getOutputStream();

                // pallet 1: its label printed, the handheld reads both cases and the label: packed
                print(plc, 1, 4);
                String label1 = labelled(line, plc, 1);
                assertThat(plc.pallets).as("a labelled pallet awaits its frame").isEmpty();
                send(out, caseRead(line, plc, 1) + ";" + caseRead(line, plc, 2) + ";PALLET:" + label1);
                await().atMost(Duration.ofSeconds(20)).until(() -> plc.pallets.containsKey(1L));
                PackingPlc.PalletResult first = plc.pallets.get(1L);
                assertThat(first.packed()).as("%s", first).isTrue();
                assertThat(first.palletCode()).isEqualTo(Sscc.digitsOf(label1));
                assertThat(line.vault().packing().unit(first.palletCode()).orElseThrow().children())
                        .containsExactly(caseCode(plc, 1), caseCode(plc, 2));

                // pallet 2: the handheld shows one of its two cases
                print(plc, 5, 8);
                String label2 = labelled(line, plc, 2);
                send(out, caseRead(line, plc, 3) + ";PALLET:" + label2);
                assertRejected(line, plc, 2, label2, "MISSING", 3, 4);

                // pallet 3: both cases, and an item code (a code of the vault, no case) among them
                print(plc, 9, 12);
                String label3 = labelled(line, plc, 3);
                String item = line.packer.record().get(0).items().get(0);
                send(out, caseRead(line, plc, 5) + ";" + item + ";" + caseRead(line, plc, 6) + ";PALLET:" + label3);
                assertRejected(line, plc, 3, label3, "FOREIGN", 5, 6);

                // pallet 4: no frame within the pallet window; the frame that comes after it packs nothing
                print(plc, 13, 16);
                String label4 = labelled(line, plc, 4);
                assertRejected(line, plc, 4, label4, "CASE_NO_READ", 7, 8);
                // the late frame, and pallet 1's frame once more: neither label awaits a frame, both are refused
                send(out, caseRead(line, plc, 7) + ";" + caseRead(line, plc, 8) + ";PALLET:" + label4);
                send(out, caseRead(line, plc, 1) + ";" + caseRead(line, plc, 2) + ";PALLET:" + label1);
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        line.edge.caseDevices(PackingLine.LINE).packing().palletFramesRefused() == 2);
                assertThat(line.edge.caseDevices(PackingLine.LINE).packing().counts().palletsRejected()).isEqualTo(3);

                // rework: pallet 2's two cases re-stacked and re-palleted; the new pallet too waits for its frame
                assertThat(plc.call("REPALLET", "2")).endsWith(",2");
                await().atMost(Duration.ofSeconds(20)).until(() -> line.palletLabels().size() == 5);
                String label5 = line.palletLabels().get(4);
                send(out, caseRead(line, plc, 4) + ";" + caseRead(line, plc, 3) + ";PALLET:" + label5);
                await().atMost(Duration.ofSeconds(20)).until(() -> plc.pallets.containsKey(5L));
                assertThat(plc.pallets.get(5L).packed()).as("%s", plc.pallets.get(5L)).isTrue();

                // pallet 6: one of its cases swapped for a loose case of the job (pallet 4's): the count is right
                // and every read a packed case on no pallet, but not this pallet's
                print(plc, 17, 20);
                await().atMost(Duration.ofSeconds(20)).until(() -> plc.cases.size() == 10
                        && line.palletLabels().size() == 6);
                String label6 = line.palletLabels().get(5);
                send(out, caseRead(line, plc, 9) + ";" + caseRead(line, plc, 7) + ";PALLET:" + label6);
                assertRejected(line, plc, 6, label6, "EXTRA", 9, 10);

                // pallet 7: its two cases and case 1, which is on pallet 1
                print(plc, 21, 24);
                await().atMost(Duration.ofSeconds(20)).until(() -> plc.cases.size() == 12
                        && line.palletLabels().size() == 7);
                String label7 = line.palletLabels().get(6);
                send(out, caseRead(line, plc, 11) + ";" + caseRead(line, plc, 1) + ";" + caseRead(line, plc, 12)
                        + ";PALLET:" + label7);
                assertRejected(line, plc, 7, label7, "ALREADY_PACKED", 11, 12);
            }

            // the vault's tree: pallet 1 with cases 1 and 2, pallet 5 with cases 3 and 4 (in the order they were
            // closed with, not read), every other case packed in its case on no pallet
            List<PackUnit> pallets = line.vault().packing().units("JSCAN", PackLevel.PALLET);
            assertThat(pallets).extracting(PackUnit::code).containsExactly(plc.pallets.get(1L).palletCode(),
                    plc.pallets.get(5L).palletCode());
            assertThat(pallets.get(1).children()).containsExactly(caseCode(plc, 3), caseCode(plc, 4));
            assertThat(line.vault().packing().units("JSCAN", PackLevel.CASE)).hasSize(12)
                    .allMatch(u -> u.state() == PackState.PACKED && u.children().size() == 2);
            for (long n = 1; n <= 12; n++) {
                PackTree t = line.vault().packing().tree(caseCode(plc, n));
                if (n <= 4) {
                    assertThat(t.parent().orElseThrow().code()).isEqualTo(pallets.get(n <= 2 ? 0 : 1).code());
                } else {
                    assertThat(t.parent()).as("case %s on no pallet", n).isEmpty();
                }
                assertThat(t.unit().orElseThrow().children()).containsExactlyElementsOf(
                        line.packer.record().get((int) n - 1).items());
            }
            assertThat(plc.pallets).hasSize(7);
            assertThat(plc.caseFramesTwice).isEmpty();
        }
    }

    private static void assertRejected(PackingLine line, PackingPlc plc, long pallet, String label, String reason,
                                       long... cases) {
        await().atMost(Duration.ofSeconds(20)).until(() -> plc.pallets.containsKey(pallet));
        PackingPlc.PalletResult r = plc.pallets.get(pallet);
        assertThat(r.reason()).as("%s", r).isEqualTo(reason);
        assertThat(r.palletCode()).isEqualTo(Sscc.digitsOf(label));
        assertThat(r.cases()).isEqualTo(cases.length);
        assertThat(line.vault().packing().unit(r.palletCode())).as("no pallet %s in the vault", pallet).isEmpty();
        for (long n : cases) {
            PackTree t = line.vault().packing().tree(caseCode(plc, n));
            assertThat(t.unit().orElseThrow().state()).as("case %s still packed", n).isEqualTo(PackState.PACKED);
            assertThat(t.parent()).as("case %s on no pallet", n).isEmpty();
        }
    }

    /** Waits for pallet {@code n}'s label to come off the pallet printer (its cases packed first); its text. */
    private static String labelled(PackingLine line, PackingPlc plc, int n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> plc.cases.size() == 2 * n
                && line.palletLabels().size() == n);
        assertThat(plc.cases.values()).allMatch(PackingPlc.CaseResult::packed);
        return line.palletLabels().get(n - 1);
    }

    /** Case {@code n}'s code as the vault names it (the SSCC's 18 digits). */
    private static String caseCode(PackingPlc plc, long n) {
        return Sscc.digitsOf(plc.cases.get(n).caseCode());
    }

    /** What a reader reads off case {@code n}'s label: the text the case printer printed for it. */
    private static String caseRead(PackingLine line, PackingPlc plc, long n) {
        String digits = caseCode(plc, n);
        return line.caseReader.records().stream().map(r -> r.truth())
                .filter(t -> digits.equals(Sscc.digitsOf(t))).findFirst().orElseThrow();
    }

    private static void send(OutputStream out, String frame) throws Exception {
        out.write((frame + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** PRINT items {@code from}..{@code to} at 40 a second and waits for their results. */
    private static void print(PackingPlc plc, int from, int to) throws Exception {
        long next = System.nanoTime();
        for (int i = from; i <= to; i++) {
            LockSupport.parkNanos(next - System.nanoTime()); // the line's pace, not a synchronisation
            next += 25_000_000L;
            assertThat(plc.call("PRINT", "item-" + i)).startsWith("ACK,");
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> plc.results() == to);
    }
}
