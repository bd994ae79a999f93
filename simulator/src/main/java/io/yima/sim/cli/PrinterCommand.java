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
        footer = {"%nExamples:", "  yima-sim printer --protocol zpl --port 9100 --labels-dir labels", "  yima-sim printer --port 9100 --scanner-port 9004 --paper-out-after 100"},
        description = "Emulated ZPL or ESC/POS label printer on raw TCP (and optionally a serial pty).")
public final class PrinterCommand implements Callable<Integer> {
    @Option(names = "--protocol", description = "zpl | escpos (default: ${DEFAULT-VALUE})", defaultValue = "zpl")
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

    @Option(names = "--print-rate", description = "labels per second, 0 = unlimited", defaultValue = "0")
    double printRate;

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
        printer.faults().printRate(printRate);
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
