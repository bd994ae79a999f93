package io.yima.sim.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.sim.label.Conveyor;
import io.yima.sim.label.LabelLog;
import io.yima.sim.label.TestRasters;
import io.yima.sim.scanner.LabelDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulated printer's receive buffer and print speed, as the edge sees them over TCP: ~HS tells the truth
 * about formats waiting, a full buffer stops the printer reading, and the technician's controls act at once.
 */
class PrinterBufferIT {
    private static final String LABEL = "^XA^PW354^LL236^FO40,30^BQN,2,4^FDQA," + TestRasters.SEED_URL
            + "^FS^XZ";

    @TempDir
    Path dir;
    private PrinterEmulator printer;
    private Socket socket;

    private PrinterEmulator start(PrinterLanguage language) throws IOException {
        return start(language, f -> { });
    }

    /**
     * Faults set before the edge connects: the printer's reader takes its chunk size from the buffer's room when it
     * issues a read, and that read is already waiting once the connection is up.
     */
    private PrinterEmulator start(PrinterLanguage language, Consumer<PrinterFaults> before) throws IOException {
        printer = new PrinterEmulator("P1", language, InetAddress.getLoopbackAddress(), 0,
                new LabelLog(new LabelDecoder()::text, null), new Conveyor(), null).start();
        before.accept(printer.faults());
        socket = new Socket(InetAddress.getLoopbackAddress(), printer.port());
        socket.setSoTimeout(5000);
        return printer;
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

    private void send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** ~HS fields: [string 1 fields, string 2 fields]. */
    private String[][] hostStatus() throws IOException {
        send("~HS");
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int etx = 0; etx < 3; ) {
            int c = in.read();
            b.write(c);
            etx += c == 0x03 ? 1 : 0;
        }
        String[] strings = b.toString(StandardCharsets.US_ASCII).split("\u0003\r\n");
        return new String[][] {strings[0].substring(strings[0].indexOf(2) + 1).split(","),
                strings[1].substring(strings[1].indexOf(2) + 1).split(",")};
    }

    @Test
    void hostStatusCountsTheFormatsWaitingInTheBufferAndTheyPrintAtTheSetSpeed() throws Exception {
        start(PrinterLanguage.ZPL);
        printer.faults().paused(true);
        send(LABEL.repeat(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.formatsBuffered() == 5);

        String[][] hs = hostStatus();
        assertThat(hs[0][4]).as("formats in receive buffer").isEqualTo("005");
        assertThat(hs[1][8]).as("labels remaining").isEqualTo("00000005");

        printer.faults().printRate(20).paused(false);
        long from = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> printer.labelsPrinted() == 5);
        assertThat(Duration.ofNanos(System.nanoTime() - from)).as("5 labels at 20/s").isGreaterThanOrEqualTo(
                Duration.ofMillis(240));
        assertThat(hostStatus()[0][4]).isEqualTo("000");
    }

    @Test
    void aFullReceiveBufferStopsThePrinterReadingUntilALabelPrints() throws Exception {
        start(PrinterLanguage.ZPL, f -> f.receiveBuffer(3).paused(true));
        send(LABEL.repeat(60)); // ~100 bytes each; near full the printer reads 512 bytes at a time

        await().atMost(Duration.ofSeconds(5)).until(() -> printer.formatsBuffered() >= 3);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> printer.formatsBuffered() < 20);
        long held = printer.formatsBuffered();

        printer.faults().paused(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> printer.labelsPrinted() == 60);
        assertThat(held).as("held back within one read of the buffer size, the rest stayed in the sender's socket")
                .isBetween(3L, 19L);
    }

    @Test
    void tildeJaDropsEveryBufferedFormatEvenWithThePaperOut() throws Exception {
        start(PrinterLanguage.ZPL);
        printer.faults().paperOutAfter(0);
        send(LABEL.repeat(4));
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.formatsBuffered() == 4);

        send("~JA");
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.formatsBuffered() == 0);
        printer.faults().loadPaper();
        send(LABEL);

        await().atMost(Duration.ofSeconds(5)).until(() -> printer.labelsPrinted() == 1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> printer.labelsPrinted() == 1);
    }

    @Test
    void escPosClearBuffersDropsWhatIsWaiting() throws Exception {
        start(PrinterLanguage.ESCPOS);
        printer.faults().paused(true);
        byte[] label = {0x1B, 0x40, 'h', 'i', 0x0A, 0x1D, 0x56, 0x42, 0x00};
        for (int i = 0; i < 3; i++) {
            socket.getOutputStream().write(label);
        }
        socket.getOutputStream().flush();
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.formatsBuffered() == 3);

        // DLE DC4 fn=8 1 3 20 1 6 2 8, split across two writes
        socket.getOutputStream().write(new byte[] {0x10, 0x14, 0x08, 1, 3});
        socket.getOutputStream().flush();
        socket.getOutputStream().write(new byte[] {20, 1, 6, 2, 8});
        socket.getOutputStream().flush();

        await().atMost(Duration.ofSeconds(5)).until(() -> printer.formatsBuffered() == 0);
        assertThat(printer.errors()).isZero();
    }

    @Test
    void controlCommandsActOnThePrinterAndSayWhatTheyDid() throws Exception {
        start(PrinterLanguage.ZPL);
        PrinterControl c = printer.control();

        assertThat(c.apply("head-open")).startsWith("ok ").contains("head=open");
        assertThat(printer.faults().headOpen()).isTrue();
        assertThat(c.apply("head-close")).contains("head=closed");
        assertThat(c.apply("pause")).contains("paused=yes");
        assertThat(c.apply("resume")).contains("paused=no");
        assertThat(c.apply("paper-out")).contains("paper=out");
        assertThat(c.apply("reload")).contains("paper=ok");
        assertThat(c.apply("paper-out 2")).contains("paper=ok");
        assertThat(c.apply("speed 15")).contains("speed=15.0/s");
        assertThat(printer.faults().printRate()).isEqualTo(15.0);
        assertThat(c.apply("speed 0")).contains("speed=unlimited");
        assertThat(c.apply("buffer 200")).contains("buffer=200");
        assertThat(printer.faults().receiveBuffer()).isEqualTo(200);
        assertThat(c.apply("status")).startsWith("printed=0 buffered=0");
        assertThat(c.apply("help")).contains("head-open", "power-cycle");
    }

    @Test
    void badControlCommandsAreRefusedInWords() throws Exception {
        start(PrinterLanguage.ZPL);
        PrinterControl c = printer.control();

        assertThat(c.apply("speed fast")).isEqualTo(
                "error: speed: 'fast' is not a speed of 0 to 10000 labels per second");
        assertThat(c.apply("speed")).isEqualTo("error: speed: needs a number of labels per second");
        assertThat(c.apply("buffer -3")).isEqualTo("error: buffer: '-3' is not a number of formats");
        assertThat(c.apply("jump\u001b[2J")).startsWith("error: unknown command 'jump?[2j'");
        assertThat(c.apply("x".repeat(500))).isEqualTo("error: command longer than 200 characters");
        assertThat(printer.faults().printRate()).isZero();
    }

    @Test
    void aPowerCycleFromTheControlsLosesTheBuffer() throws Exception {
        start(PrinterLanguage.ZPL);
        printer.faults().paused(true);
        send(LABEL.repeat(3));
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.formatsBuffered() == 3);

        assertThat(printer.control().apply("power-cycle 200")).startsWith("ok ");

        assertThat(printer.formatsBuffered()).isZero();
    }
}
