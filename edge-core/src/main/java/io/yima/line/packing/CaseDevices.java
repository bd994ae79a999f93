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
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A packing line's second printer (case labels; pallet labels too unless the line has a pallet printer), its case
 * reader (a scanner in count mode, the camera above the case in scan mode) and, with {@code pallet_scanner}, its
 * pallet reader, wired to its {@link CasePacking}. Reads arrive on a Netty event loop and are handed to the line's
 * thread; the case window (and the pallet window) is checked every tenth of the case window.
 */
public final class CaseDevices implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CaseDevices.class);
    private final PrinterSession printer;
    private final PrinterSession palletPrinter;
    private final ScannerSession reader;
    private final ScannerSession palletReader;
    private final ScheduledFuture<?> ticker;
    private final CasePacking packing;
    private final CaseLinks links;
    private final AtomicReference<LinkState> palletLink;

    private CaseDevices(PrinterSession printer, PrinterSession palletPrinter, ScannerSession reader,
                        ScheduledFuture<?> ticker, CasePacking packing, CaseLinks links,
                        AtomicReference<LinkState> palletLink, ScannerSession palletReader) {
        this.palletLink = palletLink;
        this.palletReader = palletReader;
        this.printer = printer;
        this.palletPrinter = palletPrinter;
        this.reader = reader;
        this.ticker = ticker;
        this.packing = packing;
        this.links = links;
    }

    public static CaseDevices connect(LineConfig lc, ProductionLine line, CaseBinder binder, EventLoopGroup io,
                                      RefusalCounters counters) {
        LineConfig.Packing p = lc.packing();
        LineConfig.Printer cp = p.casePrinter();
        CasePacking packing = new CasePacking(lc, line, binder, new CaseLabelPress(lc));
        CaseLinks links = new CaseLinks(lc.id(), Clock.systemUTC());
        PrinterSession printer = PrinterSession.open(URI.create(cp.uri()), PrinterLanguages.protocol(cp),
                cp.statusPoll(), cp.busyStatusPoll(), cp.statusTimeout(), io,
                links::printerChanged,
                Backoff.DEFAULT);
        LineConfig.Printer pp = p.palletPrinter();
        AtomicReference<LinkState> palletLink = new AtomicReference<>(LinkState.OFFLINE);
        PrinterSession palletPrinter = pp == null ? null : PrinterSession.open(URI.create(pp.uri()),
                PrinterLanguages.protocol(pp), pp.statusPoll(), pp.busyStatusPoll(), pp.statusTimeout(), io,
                (state, reason, status) -> {
                    if (palletLink.getAndSet(state) == state) {
                        return;
                    }
                    if (state == LinkState.ONLINE) {
                        log.info("line {}: pallet printer online", lc.id());
                    } else {
                        log.warn("line {}: pallet printer {}{}", lc.id(), state.name().toLowerCase(),
                                reason == null ? "" : ": " + reason);
                    }
                }, Backoff.DEFAULT);
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
                (state, reason, status) -> links.readerChanged(state, reason),
                Backoff.DEFAULT, guard);
        LabelOutput caseOutput = LabelOutput.of(printer);
        packing.start(caseOutput, palletPrinter == null ? caseOutput : LabelOutput.of(palletPrinter));
        printer.start();
        if (palletPrinter != null) {
            palletPrinter.start();
        }
        reader.start();
        ScannerSession palletReader = p.palletScanner() == null ? null
                : openPalletReader(lc, packing, io, counters);
        long tick = Math.max(20, Math.min(200, p.caseWindow().toMillis() / 10));
        ScheduledFuture<?> ticker = io.next().scheduleAtFixedRate(packing::tick, tick, tick, TimeUnit.MILLISECONDS);
        log.info("line {}: case packing ({} per case, {} mode), case printer {}, case reader {}", lc.id(), p.perCase(),
                p.packingMode().name().toLowerCase(), cp.uri(), s.uri());
        if (p.perPallet() != null) {
            log.info("line {}: a pallet every {} packed cases, pallet labels on {}", lc.id(), p.perPallet(),
                    pp == null ? "the case printer" : pp.uri());
        }
        return new CaseDevices(printer, palletPrinter, reader, ticker, packing, links, palletLink, palletReader);
    }

    /** The pallet reader (packing.pallet_scanner): one frame per pallet, bounded by the pallet framing's size. */
    private static ScannerSession openPalletReader(LineConfig lc, CasePacking packing, EventLoopGroup io,
                                                   RefusalCounters counters) {
        LineConfig.Packing p = lc.packing();
        LineConfig.Scanner s = p.palletScanner();
        PortGuard guard = new PortGuard("pallet-scanner:" + lc.id(), "line " + lc.id() + " pallet reader port",
                s.maxConnectionsOrDefault(), AddressAllowList.parse(s.allowOrDefault()), counters, io);
        AtomicReference<LinkState> link = new AtomicReference<>(LinkState.OFFLINE);
        ScannerSession palletReader = ScannerSession.open(URI.create(s.uri()),
                new ScannerOptions(s.noRead(), s.maxFrame() != null ? s.maxFrame() : PalletFrame.MAX_CHARS,
                        s.trigger()),
                io, read -> packing.palletRead(read.noRead() ? null : read.text()),
                (state, reason, status) -> {
                    if (link.getAndSet(state) == state) {
                        return;
                    }
                    if (state == LinkState.ONLINE) {
                        log.info("line {}: pallet reader online", lc.id());
                    } else {
                        log.warn("line {}: pallet reader {}{}", lc.id(), state.name().toLowerCase(),
                                reason == null ? "" : ": " + reason);
                    }
                }, Backoff.DEFAULT, guard);
        palletReader.start();
        log.info("line {}: pallet reader {}: a labelled pallet is packed once its frame checks out, within {}",
                lc.id(), s.uri(), p.palletWindow());
        return palletReader;
    }

    public CasePacking packing() {
        return packing;
    }

    /** The pallet printer's link (OFFLINE when the line has none: its pallet labels go to the case printer). */
    public LinkState palletPrinterLink() {
        return palletLink.get();
    }

    /** The port a {@code listen://} pallet reader listens on, else -1 (also without a pallet reader). */
    public int palletReaderPort() {
        return palletReader == null ? -1 : palletReader.listeningPort();
    }

    /** The port a {@code listen://} case reader listens on, else -1. */
    public int readerPort() {
        return reader.listeningPort();
    }

    /** The case printer's and case reader's link states, for the status page, /metrics and /health. */
    public CaseLinks links() {
        return links;
    }

    @Override
    public void close() {
        ticker.cancel(false);
        reader.close();
        if (palletReader != null) {
            palletReader.close();
        }
        printer.close();
        if (palletPrinter != null) {
            palletPrinter.close();
        }
    }

    /** The line's re-pallet (REPALLET, OPC UA Repallet): see {@link CasePacking#repallet}. */
    public java.util.concurrent.CompletionStage<Integer> repallet(int cases, String by) {
        return packing.repallet(cases, by);
    }
}
