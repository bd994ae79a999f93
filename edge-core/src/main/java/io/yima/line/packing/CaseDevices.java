package io.yima.line.packing;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import io.yima.config.LineConfig;
import io.yima.drivers.scanner.ScannerOptions;
import io.yima.drivers.scanner.ScannerSession;
import io.yima.drivers.transport.Backoff;
import io.yima.drivers.transport.LinkState;
import io.yima.drivers.transport.PrinterSession;
import io.yima.guard.AddressAllowList;
import io.yima.guard.PortGuard;
import io.yima.guard.RefusalCounters;
import io.yima.line.LabelOutput;
import io.yima.line.ProductionLine;
import io.yima.printing.PrinterLanguages;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A packing line's second printer (case labels) and case reader (a scanner in count mode, the camera above the
 * case in scan mode), wired to its {@link CasePacking}. Reads arrive on a Netty event loop and are handed to the
 * line's thread; the case window is checked every tenth of it.
 */
public final class CaseDevices implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CaseDevices.class);
    private final PrinterSession printer;
    private final ScannerSession reader;
    private final ScheduledFuture<?> ticker;
    private final CasePacking packing;

    private CaseDevices(PrinterSession printer, ScannerSession reader, ScheduledFuture<?> ticker, CasePacking packing) {
        this.printer = printer;
        this.reader = reader;
        this.ticker = ticker;
        this.packing = packing;
    }

    public static CaseDevices connect(LineConfig lc, ProductionLine line, CaseBinder binder, EventLoopGroup io,
                                      RefusalCounters counters) {
        LineConfig.Packing p = lc.packing();
        LineConfig.Printer cp = p.casePrinter();
        CasePacking packing = new CasePacking(lc, line, binder, new CaseLabelPress(lc));
        PrinterSession printer = PrinterSession.open(URI.create(cp.uri()), PrinterLanguages.protocol(cp),
                cp.statusPoll(), cp.busyStatusPoll(), cp.statusTimeout(), io,
                (state, reason, status) -> linkChanged(lc.id(), "case printer", state, reason),
                Backoff.DEFAULT);
        LineConfig.Scanner s = p.caseScanner();
        PortGuard guard = new PortGuard("case-scanner:" + lc.id(), "line " + lc.id() + " case reader port",
                s.maxConnectionsOrDefault(), AddressAllowList.parse(s.allowOrDefault()), counters, io);
        // a camera frame carries a whole case: the reader's frame bound defaults to the camera framing's 16 KiB
        int maxFrame = s.maxFrame() != null ? s.maxFrame()
                : p.packingMode() == LineConfig.Packing.PackingMode.SCAN ? CaseFrame.MAX_CHARS : s.maxFrameOrDefault();
        ScannerSession reader = ScannerSession.open(URI.create(s.uri()),
                new ScannerOptions(s.noRead(), maxFrame,
                        s.trigger()),
                io, read -> packing.read(read.noRead() ? null : read.text()),
                (state, reason, status) -> linkChanged(lc.id(), "case reader", state, reason),
                Backoff.DEFAULT, guard);
        packing.start(LabelOutput.of(printer));
        printer.start();
        reader.start();
        long tick = Math.max(20, Math.min(200, p.caseWindowOrDefault().toMillis() / 10));
        ScheduledFuture<?> ticker = io.next().scheduleAtFixedRate(packing::tick, tick, tick, TimeUnit.MILLISECONDS);
        log.info("line {}: case packing ({} per case, {} mode), case printer {}, case reader {}", lc.id(), p.perCase(),
                p.packingMode().name().toLowerCase(), cp.uri(), s.uri());
        return new CaseDevices(printer, reader, ticker, packing);
    }

    public CasePacking packing() {
        return packing;
    }

    /** The port a {@code listen://} case reader listens on, else -1. */
    public int readerPort() {
        return reader.listeningPort();
    }

    private static void linkChanged(String line, String device, LinkState state, String reason) {
        if (state == LinkState.ONLINE) {
            log.info("line {}: {} online", line, device);
        } else {
            log.warn("line {}: {} {}{}", line, device, state.name().toLowerCase(), reason == null ? "" : ": " + reason);
        }
    }

    @Override
    public void close() {
        ticker.cancel(false);
        reader.close();
        printer.close();
    }
}
