package io.yima.sim.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.sim.label.Conveyor;
import io.yima.sim.label.LabelLog;
import io.yima.sim.label.TestRasters;
import io.yima.sim.scanner.LabelDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TSPL printer emulator over a real socket: labels print and reach the conveyor; {@code <ESC>!?} and
 * {@code <ESC>!S} tell the truth in every fault the technician controls (docs/device-protocols.md §6.5, §6.6), also
 * while the printer cannot print; {@code <ESC>!.} drops what it holds; {@code <ESC>!P} / {@code <ESC>!O} pause and
 * resume it; a power cycle loses the buffer.
 */
class TsplPrinterEmulatorIT {
    static final String LABEL = "SIZE 30 mm,20 mm\r\nGAP 2 mm,0 mm\r\nDIRECTION 0\r\nCLS\r\n"
            + "QRCODE 40,30,Q,4,A,0,M2,S7,\"" + TestRasters.SEED_URL + "\"\r\nTEXT 200,40,\"3\",0,1,1,\"0436Z31$0\"\r\n"
            + "PRINT 1,1\r\n";
    static final String STATUS = "\u001B!?";
    static final String EXTENDED = "\u001B!S";

    @TempDir
    Path dir;
    private final Conveyor conveyor = new Conveyor();
    private PrinterEmulator printer;
    private Socket socket;

    private void start() throws IOException {
        LabelLog log = new LabelLog(new LabelDecoder()::text, dir.resolve("printed.jsonl"));
        printer = new PrinterEmulator("T1", PrinterLanguage.TSPL, InetAddress.getLoopbackAddress(), 0, log, conveyor,
                null).start();
        socket = new Socket(InetAddress.getLoopbackAddress(), printer.port());
        socket.setSoTimeout(5000);
    }

    @AfterEach
    void close() throws IOException {
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

    private int statusByte() throws IOException {
        send(STATUS);
        return socket.getInputStream().read();
    }

    private String extended() throws IOException {
        send(EXTENDED);
        InputStream in = socket.getInputStream();
        byte[] b = in.readNBytes(8);
        assertThat(b[0]).isEqualTo((byte) 0x02);
        assertThat(new String(b, 5, 3, StandardCharsets.ISO_8859_1)).isEqualTo("\u0003\r\n");
        return new String(b, 1, 4, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aLabelPrintsReadablyAndTheStatusIsReady() throws Exception {
        start();
        send(LABEL);
        var label = conveyor.take(5, TimeUnit.SECONDS);
        assertThat(label).isNotNull();
        assertThat(new LabelDecoder().text(label.raster())).isEqualTo(TestRasters.SEED_URL);
        assertThat(label.texts()).containsExactly("0436Z31$0");
        assertThat(label.rawBytes()).isEqualTo(LABEL.length());
        assertThat(statusByte()).isZero();
        assertThat(extended()).isEqualTo("@@@@");
        assertThat(printer.errors()).isZero();
    }

    @Test
    void statusTellsHeadOpenPaperOutAndPauseWhileHoldingLabels() throws Exception {
        start();
        printer.faults().headOpen(true);
        send(LABEL + LABEL);
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.formatsBuffered() == 2);
        // Head open: bit 0, and b4 "`"; the printer answers although it cannot print.
        assertThat(statusByte()).isEqualTo(0x01);
        assertThat(extended()).isEqualTo("@@@`");
        printer.faults().paperOutAfter(0).headOpen(false); // in this order: no moment to print in between
        assertThat(statusByte()).isEqualTo(0x04);
        assertThat(extended()).isEqualTo("@@@A");
        printer.faults().paused(true).loadPaper();
        assertThat(statusByte()).isEqualTo(0x10);
        assertThat(extended()).isEqualTo("`@@@");
        assertThat(printer.labelsPrinted()).isZero();

        send("\u001B!O"); // <ESC>!O ends the pause
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.labelsPrinted() == 2);
        assertThat(statusByte()).isZero();
    }

    @Test
    void cancelDropsEveryHeldLabelAndPauseHoldsThem() throws Exception {
        start();
        send("\u001B!P"); // <ESC>!P pauses
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.faults().paused());
        send(LABEL + LABEL + LABEL);
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.formatsBuffered() == 3);
        assertThat(extended()).as("paused, labels waiting").isEqualTo("`@@@");
        send("\u001B!.");    // <ESC>!. cancels all printing files
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.formatsBuffered() == 0);
        printer.faults().paused(false);
        send(LABEL);
        // the record, not labelsPrinted(): the print thread counts a label before it decodes and records it
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.record().size() == 1);
        assertThat(printer.record().reads()).containsExactly(TestRasters.SEED_URL);
        assertThat(printer.labelsPrinted()).isEqualTo(1);
    }

    @Test
    void aFullBufferReportsBufferFullAndAPowerCycleLosesIt() throws Exception {
        start();
        printer.faults().receiveBuffer(2).paused(true);
        // One write: the query is parsed right after the second label filled the buffer (the printer then stops
        // reading, as a real one lets its TCP window fill).
        send(LABEL + LABEL + EXTENDED);
        byte[] reply = socket.getInputStream().readNBytes(8);
        assertThat(new String(reply, 1, 4, StandardCharsets.ISO_8859_1)).as("paused, b2 bit 3 buffer full")
                .isEqualTo("`H@@");
        assertThat(printer.formatsBuffered()).isEqualTo(2);
        printer.faults().powerCycle(100);
        await().atMost(Duration.ofSeconds(5)).until(() -> printer.formatsBuffered() == 0);
        printer.faults().paused(false);
        assertThat(printer.labelsPrinted()).as("the buffer was lost with the power").isZero();
    }
}
