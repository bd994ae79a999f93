package io.yima.daemon;

import io.netty.channel.EventLoopGroup;
import io.yima.config.LineConfig;
import io.yima.drivers.printer.PrinterStatus;
import io.yima.drivers.scanner.ScannerOptions;
import io.yima.drivers.scanner.ScannerSession;
import io.yima.drivers.transport.Backoff;
import io.yima.drivers.transport.LinkState;
import io.yima.drivers.transport.PrinterSession;
import io.yima.guard.AddressAllowList;
import io.yima.guard.PortGuard;
import io.yima.guard.RefusalCounters;
import io.yima.line.DeviceEvents;
import io.yima.line.DeviceState;
import io.yima.line.LabelOutput;
import io.yima.printing.PrinterLanguages;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A line's printer and scanner sessions, wired to the line's device callbacks. */
final class LineDevices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LineDevices.class);
    private final PrinterSession printer;
    private final ScannerSession scanner;

    private LineDevices(PrinterSession printer, ScannerSession scanner) {
        this.printer = printer;
        this.scanner = scanner;
    }

    /** A {@code listen://} scanner's refused connections are counted in {@code counters}. */
    static LineDevices connect(LineConfig lc, DeviceEvents line, EventLoopGroup io, RefusalCounters counters) {
        LineConfig.Printer p = lc.printer();
        PrinterSession printer = PrinterSession.open(URI.create(p.uri()), PrinterLanguages.protocol(p),
                p.statusPoll(), p.busyStatusPoll(), p.statusTimeout(), io,
                (state, reason, status) -> line.printerState(linkName(state), describe(reason, status)),
                Backoff.DEFAULT);
        printer.onWritabilityChanged(line::printerWritable);
        printer.onStatus((status, labelsBefore) -> {
            Integer queued = status.labelsQueued();
            if (queued != null) {
                line.printerReported(labelsBefore, queued);
            }
        });
        LineConfig.Scanner s = lc.scanner();
        // a listen:// scanner's port takes reads the line binds: only the configured readers, a few at most
        PortGuard scannerGuard = new PortGuard("scanner:" + lc.id(), "line " + lc.id() + " scanner port",
                s.maxConnectionsOrDefault(), AddressAllowList.parse(s.allowOrDefault()), counters, io);
        URI scannerUri = URI.create(s.uri());
        if ("listen".equalsIgnoreCase(scannerUri.getScheme()) && s.allowOrDefault().isEmpty()
                && !isLoopback(scannerUri.getHost())) {
            LOG.warn("line {}: scanner port {} has no scanner.allow list: any host that reaches it can send reads the"
                    + " line binds", lc.id(), s.uri());
        }
        ScannerSession scanner = ScannerSession.open(scannerUri,
                new ScannerOptions(s.noRead(), s.maxFrameOrDefault(),
                        s.trigger()),
                io, read -> line.scanned(read.noRead() ? null : read.text()),
                (state, reason, status) -> line.scannerState(linkName(state), describe(reason, null)),
                Backoff.DEFAULT, scannerGuard);
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

    private static boolean isLoopback(String host) {
        try {
            return host != null && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The port a {@code listen://} scanner listens on, else -1. */
    int scannerPort() {
        return scanner.listeningPort();
    }

    LabelOutput output() {
        return LabelOutput.of(printer);
    }

    @Override
    public void close() {
        scanner.close();
        printer.close();
    }
}
