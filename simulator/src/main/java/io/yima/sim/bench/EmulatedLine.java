package io.yima.sim.bench;

import io.yima.sim.label.Conveyor;
import io.yima.sim.label.LabelLog;
import io.yima.sim.printer.PrinterEmulator;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.rig.EdgeYaml;
import io.yima.sim.scanner.ReaderStyle;
import io.yima.sim.scanner.ScannerEmulator;
import io.yima.sim.scanner.ScannerFaults;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * One line's printer → belt → scanner, fault-free, for an edge line to print to and read from (in a benchmark's
 * JVM, or in a process of its own with {@code yima-sim line-emulators}).
 */
public final class EmulatedLine implements Closeable {
    final String id;
    final PrinterEmulator printer;
    final ScannerEmulator scanner;
    final LabelLog record;
    final int plcPort;

    /** On loopback, any free ports, with a free port picked for the edge's PLC listener. */
    EmulatedLine(String id) throws IOException {
        this(id, PrinterLanguage.ZPL);
    }

    /** As above, with a printer speaking {@code language}. */
    EmulatedLine(String id, PrinterLanguage language) throws IOException {
        this(id, InetAddress.getLoopbackAddress(), 0, 0, language);
    }

    /** On {@code bind}; a port of 0 = any free. */
    public EmulatedLine(String id, InetAddress bind, int printerPort, int scannerPort) throws IOException {
        this(id, bind, printerPort, scannerPort, PrinterLanguage.ZPL);
    }

    private EmulatedLine(String id, InetAddress bind, int printerPort, int scannerPort, PrinterLanguage language)
            throws IOException {
        this.id = id;
        Conveyor belt = new Conveyor();
        // The printer decodes nothing itself here (the scanner does): a benchmark pays for one decode per label.
        this.record = new LabelLog(null, null);
        this.printer = new PrinterEmulator(id, language, bind, printerPort, record, belt, null).start();
        this.scanner = new ScannerEmulator(ReaderStyle.KEYENCE, belt, new ScannerFaults(1), null, false, 0)
                .listen(bind, scannerPort).start();
        try (ServerSocket s = new ServerSocket(0, 1, bind)) {
            this.plcPort = s.getLocalPort();
        }
    }

    public int printerPort() {
        return printer.port();
    }

    public int scannerPort() {
        return scanner.port();
    }

    EdgeYaml.Line config(String mode) {
        return new EdgeYaml.Line(id, printer.port(), scanner.port(), plcPort, mode);
    }

    @Override
    public void close() throws IOException {
        scanner.close();
        printer.close();
        record.close();
    }
}
