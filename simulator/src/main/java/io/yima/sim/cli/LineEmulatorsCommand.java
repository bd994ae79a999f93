package io.yima.sim.cli;

import io.yima.sim.label.Conveyor;
import io.yima.sim.label.LabelLog;
import io.yima.sim.printer.PrinterEmulator;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.scanner.ReaderStyle;
import io.yima.sim.scanner.ScannerEmulator;
import io.yima.sim.scanner.ScannerFaults;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code yima-sim line-emulators}: one line's printer → belt → scanner, fault-free and answering at once, in a
 * process of its own, so that a benchmark can charge their CPU (ZPL parsing, QR drawing, decoding) to them and
 * not to the edge. Prints one machine-readable line with the ports; stops on Ctrl-C, SIGTERM or when its
 * standard input ends (so it does not outlive a benchmark that was killed).
 */
@Command(name = "line-emulators", mixinStandardHelpOptions = true,
        description = "Printer (ZPL) + Keyence scanner of one line in this process, no faults, instant answers.")
public final class LineEmulatorsCommand implements Callable<Integer> {
    /** Prefix of the line that announces the ports; benchmarks parse it. */
    public static final String READY = "line-emulators ready";

    @Option(names = "--bind", defaultValue = "127.0.0.1")
    String bind;

    @Option(names = "--printer-port", defaultValue = "0", description = "0 = any free (default: ${DEFAULT-VALUE})")
    int printerPort;

    @Option(names = "--scanner-port", defaultValue = "0", description = "0 = any free (default: ${DEFAULT-VALUE})")
    int scannerPort;

    @Option(names = "--exit-on-stdin-eof", description = "stop when standard input is closed (benchmarks set this)")
    boolean exitOnStdinEof;

    @Override
    public Integer call() throws Exception {
        InetAddress address = InetAddress.getByName(bind);
        Conveyor belt = new Conveyor();
        // No decode at the printer (the scanner decodes every label): one decode per label, as on a real line.
        LabelLog record = new LabelLog(null, null);
        PrinterEmulator printer = new PrinterEmulator("P1", PrinterLanguage.ZPL, address, printerPort, record, belt,
                null).start();
        ScannerEmulator scanner = new ScannerEmulator(ReaderStyle.KEYENCE, belt, new ScannerFaults(1), null, false, 0)
                .listen(address, scannerPort).start();
        System.out.println(READY + " printer=" + printer.port() + " scanner=" + scanner.port());
        System.out.flush();
        if (exitOnStdinEof) {
            Thread watch = new Thread(LineEmulatorsCommand::exitAtEof, "stdin-eof");
            watch.setDaemon(true);
            watch.start();
        }
        return RunUntilInterrupted.run(List.<Closeable>of(scanner, printer, record));
    }

    private static void exitAtEof() {
        try {
            while (System.in.read() >= 0) {
                // nothing is read from the parent; only its end matters
            }
        } catch (IOException e) {
            // parent gone all the same
        }
        System.exit(0); // runs the shutdown hook that closes the emulators
    }
}
