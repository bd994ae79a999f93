package io.yima.sim.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.yima.sim.label.Conveyor;
import io.yima.sim.label.LabelLog;
import io.yima.sim.label.TestRasters;
import io.yima.sim.scanner.LabelDecoder;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrinterEmulatorIT {
    private static final String LABEL = "^XA^PW354^LL236^FO40,30^BQN,2,4^FDQA," + TestRasters.SEED_URL
            + "^FS^FO200,40^A0N,30,30^FD0436Z31$0^FS^XZ";

    @TempDir
    Path dir;
    private final Conveyor conveyor = new Conveyor();
    private PrinterEmulator printer;
    private Socket socket;

    private PrinterEmulator start(PrinterLanguage language) throws IOException {
        LabelLog log = new LabelLog(new LabelDecoder()::text, dir.resolve("printed.jsonl"));
        printer = new PrinterEmulator("P1", language, InetAddress.getLoopbackAddress(), 0, log, conveyor,
                dir.resolve("labels")).start();
        return printer;
    }

    private Socket connect() throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), printer.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** Reads until {@code count} ETX bytes have arrived (one per ~HS string / ~HQES block). */
    private static String readUntilEtx(InputStream in, int count) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int seen = 0;
        while (seen < count) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
            if (c == 0x03) {
                seen++;
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    @AfterEach
    void stop() throws IOException {
        if (socket != null) {
            socket.close();
        }
        if (printer != null) {
            printer.close();
        }
    }

    @Test
    void aFormatSentOverTcpIsPrintedRecordedAndPutOnTheConveyor() throws Exception {
        start(PrinterLanguage.ZPL);
        send(connect(), LABEL);

        var label = conveyor.take(5, TimeUnit.SECONDS);
        assertThat(label).isNotNull();
        assertThat(label.sequence()).isEqualTo(1);
        assertThat(label.texts()).containsExactly("0436Z31$0");
        assertThat(new LabelDecoder().text(label.raster())).isEqualTo(TestRasters.SEED_URL);
        assertThat(Files.readString(dir.resolve("printed.jsonl")))
                .contains("\"read\":\"" + TestRasters.SEED_URL + "\"").contains("\"seq\":1");
        assertThat(dir.resolve("labels/P1-000001.png")).exists();
    }

    @Test
    void hostStatusReportsPauseAndLabelsRemaining() throws Exception {
        start(PrinterLanguage.ZPL);
        printer.faults().paused(true);
        Socket s = connect();
        send(s, LABEL.replace("^XZ", "^PQ5^XZ") + "~HS");

        String status = readUntilEtx(s.getInputStream(), 3);

        String[] strings = status.split("\u0003\r\n");
        assertThat(strings).hasSize(3);
        String[] s1 = strings[0].substring(1).split(",");
        String[] s2 = strings[1].substring(1).split(",");
        assertThat(s1[1]).as("paper out").isEqualTo("0");
        assertThat(s1[2]).as("pause").isEqualTo("1");
        assertThat(s2[2]).as("head open").isEqualTo("0");
        assertThat(s2[8]).as("labels remaining").isEqualTo("00000005");
    }

    @Test
    void staysSilentOnHostStatusWhileTheHeadIsOpenButAnswersHqes() throws Exception {
        start(PrinterLanguage.ZPL);
        printer.faults().headOpen(true);
        Socket s = connect();
        send(s, "~HS~HQES");

        String reply = readUntilEtx(s.getInputStream(), 1);

        assertThat(reply).startsWith("\u0002").contains("PRINTER STATUS").contains("ERRORS:         1 00000000 00000004");
    }

    @Test
    void paperRunsOutAfterTheGivenLabelsAndPrintingResumesWithANewRoll() throws Exception {
        start(PrinterLanguage.ZPL);
        printer.faults().paperOutAfter(1);
        Socket s = connect();
        send(s, LABEL + LABEL);

        await().atMost(Duration.ofSeconds(5)).until(() -> printer.labelsPrinted() == 1);
        send(s, "~HQES");
        assertThat(readUntilEtx(s.getInputStream(), 1)).contains("ERRORS:         1 00000000 00000001");
        assertThat(printer.formatsBuffered()).isEqualTo(1);

        printer.faults().loadPaper();
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.labelsPrinted() == 2);
    }

    @Test
    void aPowerCycleLosesBufferedLabelsRefusesConnectionsAndComesBack() throws Exception {
        start(PrinterLanguage.ZPL);
        printer.faults().paused(true);
        Socket s = connect();
        send(s, LABEL);
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.formatsBuffered() == 1);

        printer.faults().powerCycle(1500);

        // refused while off (asked until refused: a loaded kernel may still complete one connect that was already
        // in flight to the closing listener)
        await().atMost(Duration.ofMillis(1000)).pollInterval(Duration.ofMillis(20)).until(() -> {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), printer.port())) {
                return false;
            } catch (ConnectException refused) {
                return true;
            }
        });
        assertThat(printer.formatsBuffered()).isZero();
        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
            try (Socket again = new Socket(InetAddress.getLoopbackAddress(), printer.port())) {
                return again.isConnected();
            }
        });
        printer.faults().paused(false);
        assertThat(conveyor.take(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(printer.labelsPrinted()).isZero();
    }

    @Test
    void droppingConnectionsClosesTheSenderSocket() throws Exception {
        start(PrinterLanguage.ZPL);
        Socket s = connect();
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.connections() == 1);

        printer.faults().dropConnections();

        assertThat(s.getInputStream().read()).isEqualTo(-1);
    }

    @Test
    void aPrinterThatStopsReadingHoldsBackTheSenderUntilItReadsAgain() throws Exception {
        start(PrinterLanguage.ZPL);
        printer.faults().stopReading(true);
        Socket s = connect();
        send(s, LABEL);

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> printer.bytesReceived() == 0);
        printer.faults().stopReading(false);

        assertThat(conveyor.take(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void escPosPrinterReportsPaperEndOnDleEot4() throws Exception {
        start(PrinterLanguage.ESCPOS);
        Socket s = connect();
        s.getOutputStream().write(new byte[] {0x10, 0x04, 0x04});
        assertThat(s.getInputStream().read()).isEqualTo(0x12);

        printer.faults().paperOutAfter(0);
        s.getOutputStream().write(new byte[] {0x10, 0x04, 0x04, 0x10, 0x04, 0x02});

        // docs/device-protocols.md §2.4: 0x72 = paper out; DLE EOT 2 bit 5 paper end + bit 6 error
        assertThat(s.getInputStream().read()).isEqualTo(0x72);
        assertThat(s.getInputStream().read()).isEqualTo(0x12 | 0x20 | 0x40);
    }

    @Test
    void aSerialPtyCarriesFormatsAndStatus() throws Exception {
        start(PrinterLanguage.ZPL);
        String host = printer.openSerial();
        try (OutputStream out = new FileOutputStream(host); InputStream in = new FileInputStream(host)) {
            out.write((LABEL + "~HS").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            assertThat(readUntilEtx(in, 3)).contains("\u0002030,0,0,");
            assertThat(conveyor.take(5, TimeUnit.SECONDS)).isNotNull();
        }
    }
}
