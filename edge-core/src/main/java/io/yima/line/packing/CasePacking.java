package io.yima.line.packing;

import io.yima.config.LineConfig;
import io.yima.config.LineConfig.Packing.PackingMode;
import io.yima.line.CaseRejectReason;
import io.yima.line.LabelOutput;
import io.yima.line.LineEvent;
import io.yima.line.LineListener;
import io.yima.line.LineRefusal;
import io.yima.line.PackingCounts;
import io.yima.line.ProductionLine;
import io.yima.line.Refusal;
import io.yima.vault.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A line's case packing (docs/aggregation.md). Count-and-close: every item the line binds enters the open case
 * in belt order; at {@code per_case} items (or on the PLC's CLOSE_CASE) the case closes — its case code is
 * reserved and committed, its label printed on the case printer, and once the case reader reads that label the
 * items are packed into it in one vault transaction ({@code CASE_PACKED}). A label not read within the case
 * window rejects the case {@code CASE_NO_READ}: its items stay unpacked and the PLC kicks it out.
 * Scan-to-aggregate: cases close and get their labels the same way, but what is packed is what the camera above
 * the case saw — its frame's item codes, checked by the vault against the count the case closed with. With
 * {@code per_pallet}, packed cases go on to {@link PalletPacking}.
 *
 * <p>Everything here runs on the line's thread (the vault is written there, never on a Netty event loop):
 * line events arrive there, and device callbacks are posted there.
 */
public final class CasePacking implements LineListener {
    private static final Logger log = LoggerFactory.getLogger(CasePacking.class);

    private final ProductionLine line;
    private final PackingMode mode;
    private final long windowNanos;
    private final CaseBinder binder;
    private final CaseLabelPress press;
    private final CaseAssembler assembler;
    private final CaseLabels labels = new CaseLabels();
    private final CaseLabelPress palletPress;
    private final Integer perPallet;
    private final java.time.Duration palletWindow;
    private LabelOutput printer;
    private PalletPacking pallets;
    private JobSpec job;
    private long cases;
    private long framesRefused;
    // the open job's counts for OPC UA: written on the line's thread only, read from any
    private volatile long casesPacked;
    private volatile long casesRejected;
    private volatile int openItems;

    public CasePacking(LineConfig config, ProductionLine line, CaseBinder binder, CaseLabelPress press) {
        LineConfig.Packing p = config.packing();
        this.line = line;
        this.mode = p.packingMode();
        this.windowNanos = p.caseWindow().toNanos();
        this.binder = binder;
        this.press = press;
        this.assembler = new CaseAssembler(p.perCase());
        this.perPallet = p.perPallet();
        this.palletWindow = p.palletScanner() == null ? null : p.palletWindow();
        this.palletPress = p.perPallet() == null ? null
                : new CaseLabelPress(config, p.palletPrinter() != null ? p.palletPrinter() : p.casePrinter());
    }

    /** Connects the case printer and takes the line's events and its CLOSE_CASE from now on. */
    public void start(LabelOutput casePrinter) {
        start(casePrinter, casePrinter);
    }

    /**
     * Connects the case printer and the pallet printer (the same one when the line has no pallet printer) and takes
     * the line's events, its CLOSE_CASE and, with {@code per_pallet}, its CLOSE_PALLET from now on.
     */
    public void start(LabelOutput casePrinter, LabelOutput palletPrinter) {
        this.printer = casePrinter;
        if (perPallet != null) {
            pallets = new PalletPacking(line, perPallet, binder, palletPress, palletPrinter, palletWindow);
            line.palletCloser(this::closePallet);
        }
        line.packingCounts(this::counts);
        line.subscribe(this);
        line.caseCloser(this::closeCase);
        line.onLineThread(() -> {
            JobSpec open = line.openJobOnLineThread();
            if (job == null && open != null) {
                // the start-up resumed a job: packing takes it up; the open case's count was not kept
                job = open;
                cases = binder.casesPacked(open.jobId());
                casesPacked = cases;
                if (pallets != null) {
                    pallets.resumed(open.jobId());
                }
                log.info("line {}: case packing takes up job {} after {} packed cases; items bound into the case"
                        + " that was open before the restart stay unpacked", line.lineId(), open.jobId(), cases);
            }
        });
    }

    @Override
    public void on(LineEvent event) {
        if (event instanceof LineEvent.JobOpened o) {
            job = o.spec();
            cases = 0;
            casesPacked = 0;
            casesRejected = 0;
            assembler.take();
            openItems = 0;
            if (pallets != null) {
                pallets.jobOpened();
            }
        } else if (event instanceof LineEvent.ItemBound b && job != null) {
            List<PackItem> full = assembler.add(new PackItem(b.itemId(), b.code()));
            openItems = assembler.size();
            if (full != null) {
                // after every listener has heard of the bind: a case result never overtakes its last item's OK
                line.onLineThread(() -> close(full));
            }
        } else if (event instanceof LineEvent.JobClosed) {
            List<PackItem> open = assembler.take();
            openItems = 0;
            List<PendingCase> waiting = labels.drain();
            JobSpec closedJob = job;
            String closed = job == null ? "" : job.jobId();
            job = null;
            if (!open.isEmpty() || !waiting.isEmpty()) {
                log.warn("line {}: job {} closed with {} items in the open case and {} cases awaiting their label"
                        + " read; they stay unpacked", line.lineId(), closed, open.size(), waiting.size());
            }
            line.onLineThread(() -> waiting.forEach(c -> reject(c, CaseRejectReason.CASE_NO_READ, c.items.size())));
            if (pallets != null && closedJob != null) {
                // the job's last, partial pallet: its result follows the job's CLOSED
                line.onLineThread(() -> pallets.close(closedJob));
            }
        }
    }

    /** The PLC's CLOSE_CASE: the open case closes as it is. */
    CompletionStage<Integer> closeCase() {
        CompletableFuture<Integer> reply = new CompletableFuture<>();
        line.onLineThread(() -> {
            if (job == null) {
                reply.completeExceptionally(new LineRefusal(Refusal.NO_JOB));
                return;
            }
            List<PackItem> items = assembler.take();
            openItems = 0;
            try {
                if (!items.isEmpty()) {
                    close(items);
                }
            } finally {
                reply.complete(items.size()); // the case left the packer whatever became of it; its result follows
            }
        });
        return reply;
    }

    /** The PLC's CLOSE_PALLET: the open pallet is packed with the cases packed so far. */
    CompletionStage<Integer> closePallet() {
        CompletableFuture<Integer> reply = new CompletableFuture<>();
        line.onLineThread(() -> {
            if (job == null) {
                reply.completeExceptionally(new io.yima.line.LineRefusal(io.yima.line.Refusal.NO_JOB));
                return;
            }
            try {
                reply.complete(pallets.close(job)); // its result follows as PALLET_PACKED or PALLET_REJECTED
            } catch (RuntimeException e) {
                reply.completeExceptionally(e);
            }
        });
        return reply;
    }

    /**
     * Re-pallet (the rework station's REPALLET): the open job's packed cases on no pallet go on a new pallet, the
     * oldest {@code cases} of them (0: all); completes with how many. Refused WRONG_MODE without per_pallet.
     */
    public CompletionStage<Integer> repallet(int cases, String by) {
        CompletableFuture<Integer> reply = new CompletableFuture<>();
        if (pallets == null) {
            reply.completeExceptionally(new io.yima.line.LineRefusal(io.yima.line.Refusal.WRONG_MODE,
                    "this line builds no pallets (its packing section has no per_pallet)"));
            return reply;
        }
        line.onLineThread(() -> {
            if (job == null) {
                reply.completeExceptionally(new io.yima.line.LineRefusal(io.yima.line.Refusal.NO_JOB));
                return;
            }
            try {
                reply.complete(pallets.repallet(job, cases, by)); // its result follows as PALLET_PACKED/REJECTED
            } catch (RuntimeException e) {
                reply.completeExceptionally(e);
            }
        });
        return reply;
    }

    /** The open job's packing counts; any thread. */
    public PackingCounts counts() {
        return new PackingCounts(casesPacked, casesRejected, openItems, pallets == null ? 0 : pallets.packed(),
                pallets == null ? 0 : pallets.rejected(), pallets == null ? 0 : pallets.openCases());
    }

    /** The case reader's read (count: a case label; scan: a camera frame); null for its no-read. Any thread. */
    public void read(String text) {
        line.onLineThread(() -> onRead(text));
    }

    /** The pallet reader's frame (null for its no-read), with {@code packing.pallet_scanner}. Any thread. */
    public void palletRead(String text) {
        if (pallets != null) {
            line.onLineThread(() -> pallets.read(text));
        }
    }

    /**
     * Rejects the cases whose label was not read within the case window, and the pallets whose frame did not come
     * within the pallet window. Any thread.
     */
    public void tick() {
        line.onLineThread(() -> {
            long now = System.nanoTime();
            for (PendingCase c : labels.expire(now, windowNanos)) {
                reject(c, CaseRejectReason.CASE_NO_READ, c.items.size());
            }
            if (pallets != null) {
                pallets.tick(now);
            }
        });
    }

    /** Pallet reader frames refused (unreadable, or a pallet label no pallet awaits); any thread. */
    public long palletFramesRefused() {
        return pallets == null ? 0 : pallets.framesRefused();
    }

    /** Case frames refused as unreadable (too long, no CASE: field), for the status page and tests. */
    public long framesRefused() {
        return framesRefused;
    }

    private void close(List<PackItem> items) {
        if (job == null) {
            return;
        }
        long number = ++cases;
        CaseCode code;
        try {
            code = binder.reserve(job.jobId());
        } catch (RuntimeException e) {
            log.warn("line {}: case {} of job {}: no case code could be reserved ({}); its {} items stay unpacked",
                    line.lineId(), number, job.jobId(), e.getMessage(), items.size());
            casesRejected++;
            line.emitOnLine(n -> new LineEvent.CaseRejected(n, number, null, CaseRejectReason.VAULT, items.size()));
            return;
        }
        PendingCase pending = new PendingCase(number, code, items, System.nanoTime());
        byte[] bytes;
        try {
            bytes = press.press(code, job, number);
        } catch (RuntimeException e) {
            log.error("line {}: case {} label could not be rendered; the case is rejected", line.lineId(), number, e);
            reject(pending, CaseRejectReason.PRINTER_FAULT, items.size());
            return;
        }
        labels.add(pending);
        printer.send(bytes).whenComplete((ok, error) -> {
            if (error != null) {
                line.onLineThread(() -> {
                    if (labels.remove(pending)) {
                        log.warn("line {}: case {} label could not be sent to the case printer ({})", line.lineId(),
                                number, error.getMessage());
                        reject(pending, CaseRejectReason.PRINTER_FAULT, items.size());
                    }
                });
            }
        });
    }

    private void onRead(String text) {
        if (job == null) {
            return;
        }
        if (mode == PackingMode.COUNT) {
            CaseLabels.Settled s = labels.read(text);
            s.unread().forEach(c -> reject(c, CaseRejectReason.CASE_NO_READ, c.items.size()));
            if (s.matched() != null) {
                PendingCase c = s.matched();
                pack(c, c.items.stream().map(PackItem::code).toList());
            }
            return;
        }
        CaseFrame frame;
        try {
            frame = text == null ? new CaseFrame(List.of(), null) : CaseFrame.parse(text);
        } catch (CaseFrame.Unreadable e) {
            framesRefused++;
            log.warn("line {}: {}; the case in front of the camera is left to its case window", line.lineId(),
                    e.getMessage());
            return;
        }
        CaseLabels.Settled s = labels.read(frame.caseCode());
        s.unread().forEach(c -> reject(c, CaseRejectReason.CASE_NO_READ, c.items.size()));
        if (s.matched() != null) {
            pack(s.matched(), frame.items());
        } else if (frame.caseCode() != null) {
            framesRefused++;
            log.warn("line {}: the case camera read case label {}, which awaits no read: not printed by this line, or"
                    + " its case already settled (a frame later than the case window); ignored", line.lineId(),
                    frame.caseCode());
        }
    }

    private void pack(PendingCase c, List<String> children) {
        Optional<CaseRejectReason> refused;
        String jobId = job.jobId();
        try {
            // CASE_PACKED is journaled in the pack's transaction: a PLC away at that moment hears it on HELLO, even
            // after a crash that came before the line wrote anything else
            refused = line.changeOnLine(() -> binder.pack(jobId, c.code, c.items.size(), new ArrayList<>(children)),
                    r -> r.isPresent() ? null
                            : n -> new LineEvent.CasePacked(n, c.number, c.code.code(), children.size()));
        } catch (RuntimeException e) {
            log.warn("line {}: case {} could not be packed ({}); nothing of it was packed", line.lineId(), c.number,
                    e.getMessage());
            refused = Optional.of(CaseRejectReason.VAULT);
        }
        if (refused.isEmpty()) {
            casesPacked++;
            if (pallets != null) {
                pallets.casePacked(job, c.code.code());
            }
        } else {
            reject(c, refused.get(), children.size());
        }
    }

    private void reject(PendingCase c, CaseRejectReason reason, int items) {
        casesRejected++;
        line.emitOnLine(n -> new LineEvent.CaseRejected(n, c.number, c.code.code(), reason, items));
    }
}
