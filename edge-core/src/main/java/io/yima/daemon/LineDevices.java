package io.yima.daemon;

import io.netty.channel.EventLoopGroup;
import io.yima.config.LineConfig;
import io.yima.drivers.printer.PrinterStatus;
import io.yima.drivers.scanner.ScannerOptions;
import io.yima.drivers.scanner.ScannerSession;
import io.yima.drivers.scanner.Trigger;
import io.yima.drivers.transport.LinkState;
import io.yima.drivers.transport.PrinterSession;
import io.yima.line.DeviceState;
import io.yima.line.LabelOutput;
import io.yima.line.ProductionLine;
import io.yima.printing.PrinterLanguages;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** A line's printer and scanner sessions, wired to the line's device callbacks. */
final class LineDevices implements AutoCloseable {
    private final PrinterSession printer;
    private final ScannerSession scanner;

    private LineDevices(PrinterSession printer, ScannerSession scanner) {
        this.printer = printer;
        this.scanner = scanner;
    }

    static LineDevices connect(LineConfig lc, ProductionLine line, EventLoopGroup io) {
        LineConfig.Printer p = lc.printer();
        PrinterSession printer = PrinterSession.open(URI.create(p.uri()), PrinterLanguages.protocol(p),
                p.statusPollOrDefault(), p.statusTimeoutOrDefault(), io,
                (state, reason, status) -> line.printerState(linkName(state), describe(reason, status)));
        printer.onWritabilityChanged(line::printerWritable);
        printer.onStatus((status, labelsBefore) -> {
            Integer queued = status.labelsQueued();
            if (queued != null) {
                line.printerReported(labelsBefore, queued);
            }
        });
        LineConfig.Scanner s = lc.scanner();
        ScannerSession scanner = ScannerSession.open(URI.create(s.uri()),
                new ScannerOptions(s.noReadOrDefault(), s.maxFrameOrDefault(),
                        s.trigger() == null ? Trigger.NONE : Trigger.valueOf(s.trigger().toUpperCase())),
                io, read -> line.scanned(read.noRead() ? null : read.text()),
                (state, reason, status) -> line.scannerState(linkName(state), describe(reason, null)));
        printer.start();
        scanner.start();
        return new LineDevices(printer, scanner);
    }

    /** UNKNOWN (not heard from yet) is shown and treated as OFFLINE: no labels go to a silent printer. */
    private static DeviceState linkName(LinkState state) {
        return switch (state) {
            case ONLINE -> DeviceState.ONLINE;
            case FAULT -> DeviceState.FAULT;
            default -> DeviceState.OFFLINE;
        };
    }

    /** The printer's own words ("head open") when it said something, else the link's reason. */
    private static String describe(String reason, PrinterStatus status) {
        if (status != null && status.detail() != null && !status.detail().isBlank()) {
            return status.detail();
        }
        return reason;
    }

    LabelOutput output() {
        return new LabelOutput() {
            @Override
            public CompletableFuture<Void> send(byte[] label) {
                return printer.send(label);
            }

            @Override
            public boolean isWritable() {
                return printer.isWritable();
            }

            @Override
            public void cancelQueued() {
                printer.cancelQueued();
            }

            @Override
            public void askProgress() {
                printer.pollSoon();
            }
        };
    }

    @Override
    public void close() {
        scanner.close();
        printer.close();
    }
}
