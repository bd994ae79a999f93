package io.yima.sim.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.sim.label.Conveyor;
import io.yima.sim.label.LabelRaster;
import io.yima.sim.label.PrintedLabel;
import io.yima.sim.label.TestRasters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScannerEmulatorIT {
    private final Conveyor conveyor = new Conveyor();
    private ScannerEmulator scanner;
    private long seq;

    @AfterEach
    void stop() {
        if (scanner != null) {
            scanner.close();
        }
    }

    private ScannerEmulator start(ReaderStyle style, ScannerFaults faults, boolean triggered) throws IOException {
        scanner = new ScannerEmulator(style, conveyor, faults, null, triggered, 300)
                .listen(InetAddress.getLoopbackAddress(), 0).start();
        return scanner;
    }

    private Socket host() throws IOException {
        int before = scanner.hostsConnected();
        Socket s = new Socket(InetAddress.getLoopbackAddress(), scanner.port());
        s.setSoTimeout(5000);
        await().atMost(Duration.ofSeconds(5)).until(() -> scanner.hostsConnected() > before);
        return s;
    }

    private void place(LabelRaster r) {
        conveyor.place(new PrintedLabel("P1", ++seq, Instant.now(), r, List.of(), List.of(), 0));
    }

    private static LabelRaster qrLabel() {
        return TestRasters.qr(TestRasters.SEED_URL, 4, 40, 30, 354, 236);
    }

    /** Reads one line ending in {@code terminator}. */
    private static String line(InputStream in, String terminator) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (!b.toString(StandardCharsets.UTF_8).endsWith(terminator)) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed after " + b);
            }
            b.write(c);
        }
        String s = b.toString(StandardCharsets.UTF_8);
        return s.substring(0, s.length() - terminator.length());
    }

    @Test
    void keyenceStyleBroadcastsEachReadCrTerminatedToEveryHost() throws Exception {
        start(ReaderStyle.KEYENCE, new ScannerFaults(1), false);
        Socket a = host();
        Socket b = host();

        place(qrLabel());

        assertThat(line(a.getInputStream(), "\r")).isEqualTo(TestRasters.SEED_URL);
        assertThat(line(b.getInputStream(), "\r")).isEqualTo(TestRasters.SEED_URL);
        await().atMost(Duration.ofSeconds(5)).until(() -> scanner.records().size() == 1);
        assertThat(scanner.records()).singleElement()
                .satisfies(r -> assertThat(r.injected()).isEqualTo(Injection.NONE));
    }

    @Test
    void readsMicrocodeAsTheMatrixString() throws Exception {
        start(ReaderStyle.KEYENCE, new ScannerFaults(1), false);
        Socket a = host();

        place(TestRasters.microcode(TestRasters.SEED_MATRIX, 6, 30, 30, 300, 200));

        assertThat(line(a.getInputStream(), "\r")).isEqualTo(TestRasters.SEED_MATRIX);
    }

    @Test
    void anInjectedNoReadSendsErrorAndRecordsTheTruth() throws Exception {
        start(ReaderStyle.KEYENCE, new ScannerFaults(1).noReadRate(1), false);
        Socket a = host();

        place(qrLabel());

        assertThat(line(a.getInputStream(), "\r")).isEqualTo("ERROR");
        await().atMost(Duration.ofSeconds(5)).until(() -> scanner.records().size() == 1);
        assertThat(scanner.records()).singleElement().satisfies(r -> {
            assertThat(r.truth()).isEqualTo(TestRasters.SEED_URL);
            assertThat(r.injected()).isEqualTo(Injection.NO_READ);
            assertThat(r.edgeCannotHaveRead()).isTrue();
        });
    }

    @Test
    void aLabelPrintedBlankReadsAsErrorWithoutAnyInjection() throws Exception {
        start(ReaderStyle.KEYENCE, new ScannerFaults(1), false);
        Socket a = host();

        place(new LabelRaster(300, 200));

        assertThat(line(a.getInputStream(), "\r")).isEqualTo("ERROR");
        await().atMost(Duration.ofSeconds(5)).until(() -> scanner.records().size() == 1);
        assertThat(scanner.records().get(0).truth()).isNull();
    }

    @Test
    void misreadAndDuplicateFaultsChangeWhatTheEdgeSees() throws Exception {
        start(ReaderStyle.KEYENCE, new ScannerFaults(1).misreadRate(1), false);
        Socket a = host();
        place(qrLabel());
        String misread = line(a.getInputStream(), "\r");
        assertThat(misread).hasSize(TestRasters.SEED_URL.length()).isNotEqualTo(TestRasters.SEED_URL);

        scanner.faults().misreadRate(0).duplicateRate(1);
        place(qrLabel());
        assertThat(line(a.getInputStream(), "\r")).isEqualTo(TestRasters.SEED_URL);
        assertThat(line(a.getInputStream(), "\r")).isEqualTo(TestRasters.SEED_URL);
        await().atMost(Duration.ofSeconds(5)).until(() -> scanner.records().size() == 2);
        assertThat(scanner.records()).extracting(ScanRecord::injected)
                .containsExactly(Injection.MISREAD, Injection.DUPLICATE);
    }

    @Test
    void garbageComesAsItsOwnLineBeforeTheRead() throws Exception {
        start(ReaderStyle.KEYENCE, new ScannerFaults(3).garbageRate(1), false);
        Socket a = host();

        place(qrLabel());

        String garbage = line(a.getInputStream(), "\r");
        assertThat(garbage).isNotEqualTo(TestRasters.SEED_URL).isNotEmpty();
        assertThat(line(a.getInputStream(), "\r")).isEqualTo(TestRasters.SEED_URL);
    }

    @Test
    void anInjectedDisconnectDropsTheHostAndLosesTheRead() throws Exception {
        start(ReaderStyle.KEYENCE, new ScannerFaults(3).disconnectRate(1), false);
        Socket a = host();

        place(qrLabel());

        assertThat(a.getInputStream().read()).isEqualTo(-1);
        await().atMost(Duration.ofSeconds(5)).until(() -> scanner.records().size() == 1);
        assertThat(scanner.records().get(0).sent()).isEmpty();
        assertThat(scanner.records().get(0).edgeCannotHaveRead()).isTrue();
    }

    @Test
    void keyenceTriggeredModeReadsOnLonAndSendsErrorWhenNoLabelComes() throws Exception {
        start(ReaderStyle.KEYENCE, new ScannerFaults(1), true);
        Socket a = host();
        place(qrLabel());

        a.getOutputStream().write("LON\r".getBytes(StandardCharsets.US_ASCII));
        assertThat(line(a.getInputStream(), "\r")).isEqualTo("OK,LON");
        assertThat(line(a.getInputStream(), "\r")).isEqualTo(TestRasters.SEED_URL);

        a.getOutputStream().write("LON\r".getBytes(StandardCharsets.US_ASCII));
        assertThat(line(a.getInputStream(), "\r")).isEqualTo("OK,LON");
        assertThat(line(a.getInputStream(), "\r")).isEqualTo("ERROR");
    }

    @Test
    void cognexStyleIsSilentOnTriggerAndTerminatesWithCrLf() throws Exception {
        start(ReaderStyle.COGNEX, new ScannerFaults(1), true);
        Socket a = host();
        place(qrLabel());

        a.getOutputStream().write("||>TRIGGER ON\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(line(a.getInputStream(), "\r\n")).isEqualTo(TestRasters.SEED_URL);
    }

    @Test
    void pushModeConnectsToTheEdgeAndSendsReads() throws Exception {
        try (ServerSocket edge = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            scanner = new ScannerEmulator(ReaderStyle.KEYENCE, conveyor, new ScannerFaults(1), null, false, 300)
                    .push("127.0.0.1", edge.getLocalPort()).start();
            try (Socket s = edge.accept()) {
                s.setSoTimeout(5000);
                await().atMost(Duration.ofSeconds(5)).until(() -> scanner.hostsConnected() == 1);
                place(qrLabel());
                assertThat(line(s.getInputStream(), "\r")).isEqualTo(TestRasters.SEED_URL);
            }
        }
    }

    @Test
    void theSameSeedInjectsTheSameFaults() {
        ScannerFaults a = new ScannerFaults(42).noReadRate(0.2).misreadRate(0.1).duplicateRate(0.1);
        ScannerFaults b = new ScannerFaults(42).noReadRate(0.2).misreadRate(0.1).duplicateRate(0.1);
        for (int i = 0; i < 200; i++) {
            assertThat(a.draw()).isEqualTo(b.draw());
        }
    }
}
