package io.yima.sim.cli;

import io.yima.common.UserFacingException;
import io.yima.sim.label.Conveyor;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.scanner.ScannerEmulator;
import java.io.Closeable;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code yima-sim scanner}: a code reader. It reads labels off a belt, so it starts the printer that feeds it
 * in the same process ({@code --printer-port}).
 */
@Command(name = "scanner", mixinStandardHelpOptions = true,
        footer = {"%nExamples:", "  yima-sim scanner --port 9004 --printer-port 9100 --no-read-rate 0.01"},
        description = "Emulated Keyence/Cognex code reader reading the labels of an emulated printer in this process.")
public final class ScannerCommand implements Callable<Integer> {
    @Option(names = "--port", description = "TCP port hosts connect to, 0 = any free (default: ${DEFAULT-VALUE})",
            defaultValue = "9004")
    int port;

    @Option(names = "--bind",
            description = "address to listen on (default: ${DEFAULT-VALUE})", defaultValue = "127.0.0.1")
    String bind;

    @Option(names = "--push", description = "instead of listening, connect to host:port and push reads")
    String push;

    @Option(names = "--serial", description = "also serve a socat pty pair and print the edge's end")
    boolean serial;

    @Option(names = "--printer-port", description = "port of the printer feeding this scanner (default: ${DEFAULT-VALUE})",
            defaultValue = "9100")
    int printerPort;

    @Option(names = "--protocol", description = "that printer's language: zpl | escpos | tspl", defaultValue = "zpl")
    PrinterLanguage protocol;

    @Mixin
    ScannerOptions options;

    @Override
    public Integer call() throws Exception {
        List<Closeable> devices = new ArrayList<>();
        Conveyor conveyor = new Conveyor();
        PrinterCommand.start(protocol, bind, printerPort, null, null, conveyor, devices);
        devices.add(startScanner(options, conveyor, bind, port, push, serial));
        return RunUntilInterrupted.run(devices);
    }

    static ScannerEmulator startScanner(ScannerOptions o, Conveyor conveyor, String bind, int port, String push,
                                        boolean serial) throws Exception {
        ScannerEmulator s = new ScannerEmulator(o.style, conveyor, o.faults(), o.noRead, o.triggered, o.windowMillis);
        String style = o.style.name().toLowerCase();
        if (push != null) {
            int colon = push.lastIndexOf(':');
            if (colon <= 0) {
                throw new UserFacingException("--push must be host:port, is '" + push + "'");
            }
            int p;
            try {
                p = Integer.parseInt(push.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new UserFacingException("--push port is not a number: '" + push + "'");
            }
            s.push(push.substring(0, colon), p);
            System.out.println("scanner " + style + " pushing reads to " + push);
        } else {
            s.listen(InetAddress.getByName(bind), port);
            System.out.println("scanner " + style + " listening on " + bind + ":" + s.port());
        }
        if (serial) {
            System.out.println("scanner serial line for the edge: " + s.openSerial());
        }
        return s.start();
    }
}
