package io.yima.sim.cli;

import io.yima.sim.label.Conveyor;
import io.yima.sim.label.LabelLog;
import io.yima.sim.printer.PrinterEmulator;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.scanner.LabelDecoder;
import io.yima.sim.scanner.ScannerEmulator;
import java.io.Closeable;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code yima-sim printer}: one emulated label printer, optionally with a scanner at the end of its belt. */
@Command(name = "printer", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  yima-sim printer --protocol zpl --port 9100 --labels-dir labels",
                "  yima-sim printer --port 9100 --scanner-port 9004 --paper-out-after 100",
                "  yima-sim printer --port 9100 --print-rate 15 --buffer 200 --control-port 9190 --control-stdin",
                "%nControl commands (standard input with --control-stdin, or one per line on --control-port):",
                "  head-open | head-close     print head open (a fault: printing stops) or closed",
                "  pause | resume             the pause key",
                "  paper-out [N]              the roll ends now, or after N more labels",
                "  reload                     a new roll (clears paper out)",
                "  speed R                    print speed, labels per second (0 = as fast as labels come)",
                "  buffer N                   receive buffer, formats (labels); full = the printer stops reading",
                "  power-cycle [MS]           off for MS milliseconds (default 2000); buffered labels are lost",
                "  status | help              printed and buffered labels and every setting / this list"},
        description = "Emulated ZPL or ESC/POS label printer on raw TCP (and optionally a serial pty), with a "
                + "receive buffer, a print speed and runtime controls.")
public final class PrinterCommand implements Callable<Integer> {
    @Option(names = "--protocol", description = "zpl | escpos | tspl (default: ${DEFAULT-VALUE})", defaultValue = "zpl")
    PrinterLanguage protocol;

    @Option(names = "--port", description = "TCP port, 0 = any free (default: ${DEFAULT-VALUE})", defaultValue = "9100")
    int port;

    @Option(names = "--bind",
            description = "address to listen on (default: ${DEFAULT-VALUE})", defaultValue = "127.0.0.1")
    String bind;

    @Option(names = "--serial", description = "also open a socat pty pair and print the edge's end")
    boolean serial;

    @Option(names = "--labels-dir", description = "write one PNG per printed label here")
    Path labelsDir;

    @Option(names = "--record", description = "append a JSON line per printed label to this file")
    Path record;

    @Option(names = "--paper-out-after", description = "paper runs out after N labels", defaultValue = "-1")
    int paperOutAfter;

    @Option(names = "--print-rate", description = "print speed in labels per second, 0 = as fast as labels come "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "0")
    double printRate;

    @Option(names = "--buffer", description = "receive buffer in formats (labels); when full the printer stops "
            + "reading its input (default: ${DEFAULT-VALUE})", defaultValue = "64")
    int buffer;

    @Option(names = "--control-port", description = "TCP port for control commands, one per line "
            + "(see below; 0 = any free, default: none)", defaultValue = "-1")
    int controlPort;

    @Option(names = "--control-stdin", description = "read control commands from standard input (see below)")
    boolean controlStdin;

    @Option(names = "--scanner-port", description = "also run a scanner reading this printer's labels on this port",
            defaultValue = "-1")
    int scannerPort;

    @Mixin
    ScannerOptions scanner;

    @Override
    public Integer call() throws Exception {
        List<Closeable> devices = new ArrayList<>();
        Conveyor conveyor = new Conveyor();
        PrinterEmulator printer = start(protocol, bind, port, labelsDir, record, conveyor, devices);
        if (paperOutAfter >= 0) {
            printer.faults().paperOutAfter(paperOutAfter);
        }
        if (printRate < 0 || buffer < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--print-rate must be 0 or more labels per second and --buffer at least 1 format");
        }
        printer.faults().printRate(printRate).receiveBuffer(buffer);
        if (controlPort >= 0) {
            PrinterControlPort port = PrinterControlPort.start(printer.control(), InetAddress.getByName(bind),
                    controlPort);
            devices.add(port);
            System.out.println("printer control commands on " + bind + ":" + port.port());
        }
        if (controlStdin) {
            PrinterControlPort.fromStdin(printer.control(), System.in, System.out);
        }
        if (serial) {
            System.out.println("printer serial line for the edge: " + printer.openSerial());
        }
        if (scannerPort >= 0) {
            ScannerEmulator s = ScannerCommand.startScanner(scanner, conveyor, bind, scannerPort, null, false);
            devices.add(s);
        }
        return RunUntilInterrupted.run(devices);
    }

    static PrinterEmulator start(PrinterLanguage protocol, String bind, int port, Path labelsDir, Path record,
                                 Conveyor conveyor, List<Closeable> devices) throws Exception {
        LabelLog log = new LabelLog(new LabelDecoder()::text, record);
        PrinterEmulator printer = new PrinterEmulator("P1", protocol, InetAddress.getByName(bind), port, log,
                conveyor, labelsDir).start();
        devices.add(printer);
        devices.add(log);
        System.out.println("printer " + protocol.name().toLowerCase() + " listening on " + bind + ":" + printer.port()
                + (labelsDir == null ? "" : ", labels to " + labelsDir));
        return printer;
    }
}
