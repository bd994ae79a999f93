package io.yima.sim.packing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.yima.sim.label.Conveyor;
import io.yima.sim.label.LabelLog;
import io.yima.sim.printer.PrinterEmulator;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.scanner.LabelDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The case packer, a case printer (a second PrinterEmulator on its own port and conveyor) and the case camera,
 * on their own over real sockets: the frames a host receives are judged against the packer's record and the
 * camera's own record of what it injected.
 */
class CaseCameraIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final Conveyor caseBelt = new Conveyor();
    private final List<AutoCloseable> open = new ArrayList<>();
    private PrinterEmulator casePrinter;
    private Socket printerLink;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private CaseCamera camera(CasePacker packer, CameraFaults faults) throws IOException {
        casePrinter = new PrinterEmulator("CASE", PrinterLanguage.ZPL, LOOPBACK, 0,
                new LabelLog(new LabelDecoder()::text, null), caseBelt, null).start();
        open.add(casePrinter::close);
        printerLink = new Socket(LOOPBACK, casePrinter.port());
        open.add(printerLink);
        CaseCamera camera = new CaseCamera(packer, caseBelt, faults, 5000).listen(LOOPBACK, 0).start();
        open.add(camera);
        return camera;
    }

    private Socket host(CaseCamera camera) throws IOException {
        int before = camera.hostsConnected();
        Socket s = new Socket(LOOPBACK, camera.port());
        s.setSoTimeout(10_000);
        open.add(s);
        await().atMost(Duration.ofSeconds(5)).until(() -> camera.hostsConnected() > before);
        return s;
    }

    private void printCaseLabel(String code) throws IOException {
        OutputStream out = printerLink.getOutputStream();
        out.write(("^XA^PW400^LL400^FO40,40^BQN,2,5^FDQA," + code + "^FS^XZ").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String frame(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("camera closed after " + b);
            }
            b.write(c);
        }
        String s = b.toString(StandardCharsets.US_ASCII);
        assertThat(s).endsWith("\r");
        return s.substring(0, s.length() - 1);
    }

    private static String item(int n) {
        return "https://a.example.com/q/ITEM" + n;
    }

    @Test
    void packerClosesCasesOfNInBeltOrderAndRefusesAnItemTwice() {
        CasePacker packer = new CasePacker(3);
        assertThat(packer.item(item(1))).isNull();
        assertThat(packer.item(item(2))).isNull();
        CasePacker.PackedCase first = packer.item(item(3));
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.items()).containsExactly(item(1), item(2), item(3));
        packer.item(item(4));
        CasePacker.PackedCase shortCase = packer.closeCase();
        assertThat(shortCase.items()).containsExactly(item(4));
        assertThat(packer.closeCase()).isNull();
        assertThat(packer.caseOf(item(4))).isEqualTo(2);
        assertThatThrownBy(() -> packer.item(item(2))).hasMessageContaining("already in case 1");
    }

    @Test
    void aCleanCaseIsOneFrameOfItsItemsAndItsPrintedCaseLabel() throws Exception {
        CasePacker packer = new CasePacker(4);
        CaseCamera camera = camera(packer, new CameraFaults(1));
        Socket a = host(camera);
        Socket b = host(camera);
        printCaseLabel("https://c.example.com/q/CASE1");
        for (int i = 1; i <= 4; i++) {
            packer.item(item(i));
        }
        String expected = item(1) + ";" + item(2) + ";" + item(3) + ";" + item(4) + ";CASE:https://c.example.com/q/CASE1";
        assertThat(frame(a.getInputStream())).isEqualTo(expected);
        assertThat(frame(b.getInputStream())).isEqualTo(expected);
        CameraRecord r = camera.records().get(0);
        assertThat(r.injected()).isEqualTo(CameraInjection.NONE);
        assertThat(r.caseCode()).isEqualTo("https://c.example.com/q/CASE1");
        assertThat(r.edgeMustRefuse()).isFalse();
    }

    @Test
    void everyFaultKindShowsInTheFrameAsRecorded() throws Exception {
        int cases = 60;
        CasePacker packer = new CasePacker(12);
        CameraFaults faults = new CameraFaults(42).missingRate(0.15).foreignRate(0.15).alreadyPackedRate(0.15)
                .caseNoReadRate(0.15).lateRate(0.15, 1000);
        CaseCamera camera = camera(packer, faults);
        Socket host = host(camera);
        int n = 0;
        for (int c = 1; c <= cases; c++) {
            printCaseLabel("https://c.example.com/q/CASE" + c);
            for (int i = 0; i < 12; i++) {
                packer.item(item(++n));
            }
        }
        List<String> frames = new ArrayList<>();
        for (int c = 0; c < cases; c++) {
            frames.add(frame(host.getInputStream()));
        }
        List<CameraRecord> records = camera.records();
        assertThat(records).hasSize(cases);
        Set<CameraInjection> seen = new HashSet<>();
        for (int c = 0; c < cases; c++) {
            CameraRecord r = records.get(c);
            seen.add(r.injected());
            assertThat(r.items()).isEqualTo(packer.record().get(c).items());
            assertThat(r.caseCode()).isEqualTo("https://c.example.com/q/CASE" + (c + 1));
            List<String> parts = List.of(r.frame().split(";", -1));
            List<String> shown = parts.subList(0, parts.size() - 1);
            String casePart = parts.get(parts.size() - 1);
            switch (r.injected()) {
                case NONE, LATE -> {
                    assertThat(shown).isEqualTo(r.items());
                    assertThat(casePart).isEqualTo("CASE:" + r.caseCode());
                }
                case MISSING -> {
                    assertThat(shown).hasSize(11);
                    assertThat(r.items()).containsAll(shown);
                }
                case FOREIGN -> assertThat(shown).hasSize(12).anyMatch(s -> s.startsWith(CaseCamera.FOREIGN_CODE));
                case ALREADY_PACKED -> assertThat(shown).hasSize(12)
                        .anyMatch(s -> records.get((int) r.caseNumber() - 2).items().contains(s));
                case CASE_NO_READ -> {
                    assertThat(shown).isEqualTo(r.items());
                    assertThat(casePart).isEqualTo("CASE:");
                }
            }
            assertThat(r.edgeMustRefuse()).isEqualTo(r.injected() != CameraInjection.NONE
                    && r.injected() != CameraInjection.LATE);
        }
        assertThat(seen).containsExactlyInAnyOrder(CameraInjection.values());
        // every case's frame arrived once; a late one after the frame of the case behind it
        assertThat(frames).containsExactlyInAnyOrderElementsOf(records.stream().map(CameraRecord::frame).toList());
        for (int c = 0; c + 1 < cases; c++) {
            if (records.get(c).injected() == CameraInjection.LATE
                    && records.get(c + 1).injected() != CameraInjection.LATE) {
                assertThat(frames.indexOf(records.get(c).frame())).isGreaterThan(frames.indexOf(records.get(c + 1).frame()));
            }
        }
    }
}
