package io.yima.sim.cli;

import io.yima.sim.bench.EmulatedLine;
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
        footer = {"%nExamples:", "  yima-sim line-emulators --printer-port 9100 --scanner-port 9004"},
        description = "Printer (ZPL) + Keyence scanner of one line in this process, no faults, instant answers.")
public final class LineEmulatorsCommand implements Callable<Integer> {
    /** Prefix of the line that announces the ports; benchmarks parse it. */
    public static final String READY = "line-emulators ready";

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "address to listen on (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--printer-port", defaultValue = "0", description = "the printer's raw TCP port, 0 = any free (default: ${DEFAULT-VALUE})")
    int printerPort;

    @Option(names = "--scanner-port", defaultValue = "0", description = "the scanner's TCP port, 0 = any free (default: ${DEFAULT-VALUE})")
    int scannerPort;

    @Option(names = "--lines", defaultValue = "1",
            description = "independent lines (a printer and a scanner each) in this process, on free ports from the"
                    + " given ones upwards when they are not 0 (default: ${DEFAULT-VALUE})")
    int lines;

    @Option(names = "--exit-on-stdin-eof", description = "stop when standard input is closed (benchmarks set this)")
    boolean exitOnStdinEof;

    @Override
    public Integer call() throws Exception {
        if (lines < 1 || lines > 64) {
            throw new io.yima.common.UserFacingException("--lines must be 1 to 64, not " + lines);
        }
        List<Closeable> all = new java.util.ArrayList<>();
        StringBuilder ready = new StringBuilder(READY);
        for (int i = 0; i < lines; i++) {
            EmulatedLine line = new EmulatedLine("L" + (i + 1), InetAddress.getByName(bind),
                    printerPort == 0 ? 0 : printerPort + i, scannerPort == 0 ? 0 : scannerPort + i);
            all.add(line);
            // one "printer=P scanner=S" pair per line, in line order (benchmarks parse them)
            ready.append(" printer=").append(line.printerPort()).append(" scanner=").append(line.scannerPort());
        }
        System.out.println(ready);
        System.out.flush();
        if (exitOnStdinEof) {
            Thread watch = new Thread(LineEmulatorsCommand::exitAtEof, "stdin-eof");
            watch.setDaemon(true);
            watch.start();
        }
        return RunUntilInterrupted.run(all);
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
