package io.yima.line.packing;

import io.yima.line.CaseRejectReason;
import io.yima.line.LabelOutput;
import io.yima.line.LineEvent;
import io.yima.line.ProductionLine;
import io.yima.vault.JobSpec;
import io.yima.vault.Sscc;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A line's pallets ({@code packing.per_pallet}, docs/aggregation.md): every packed case joins the open pallet; at
 * {@code per_pallet} cases (or on CLOSE_PALLET, or at job close) the pallet closes — its SSCC is reserved and
 * committed, its label sent to the pallet printer, and once the printer took the label the cases are packed onto
 * it in one vault transaction ({@code PALLET_PACKED}). There is no pallet label reader: the printer's acceptance
 * is the label's proof. A label that cannot be sent, a code that cannot be reserved or a pack the vault refuses
 * rejects the pallet ({@code PALLET_REJECTED}): its cases stay packed in their cases, on no pallet, and are not
 * offered to another pallet; once the printer is back the rework's {@link #repallet} puts them on a new pallet
 * (REPALLET, docs/aggregation.md "Rework").
 *
 * <p>With a pallet reader ({@code packing.pallet_scanner}) the printer's acceptance is not enough: the pallet then
 * awaits the reader's frame ({@link PalletFrame}) for the pallet window, and is packed only when the frame shows
 * its SSCC label and exactly the cases it was closed with ({@link PalletCheck}); a frame that does not, a no-read
 * of its label, or no frame within the window rejects it like a printer fault (its cases on no pallet).
 *
 * <p>Runs on the line's thread, like {@link CasePacking}, which owns it.
 */
final class PalletPacking {
    private static final Logger log = LoggerFactory.getLogger(PalletPacking.class);

    private final ProductionLine line;
    private final int perPallet;
    private final CaseBinder binder;
    private final CaseLabelPress press;
    private final LabelOutput printer;
    private final List<String> open = new ArrayList<>();
    /** With a pallet reader: its window in nanoseconds, and the labelled pallets awaiting its frame, oldest first. */
    private final Long windowNanos;
    private final ArrayDeque<AwaitingPallet> awaiting = new ArrayDeque<>();
    private volatile long framesRefused; // written on the line's thread only
    private long pallets;
    // for the open job's counts: written on the line's thread only, read from any
    private volatile long packed;
    private volatile long rejected;
    private volatile int openCases;

    /** A pallet whose label the printer took, awaiting the pallet reader's frame since {@code labelledNanos}. */
    private record AwaitingPallet(String jobId, long number, CaseCode code, List<String> cases, long labelledNanos) {
    }

    PalletPacking(ProductionLine line, int perPallet, CaseBinder binder, CaseLabelPress press, LabelOutput printer) {
        this(line, perPallet, binder, press, printer, null);
    }

    /** @param window how long a labelled pallet awaits the pallet reader's frame; null: the line has no reader */
    PalletPacking(ProductionLine line, int perPallet, CaseBinder binder, CaseLabelPress press, LabelOutput printer,
                  Duration window) {
        this.windowNanos = window == null ? null : window.toNanos();
        this.line = line;
        this.perPallet = perPallet;
        this.binder = binder;
        this.press = press;
        this.printer = printer;
    }

    /** A new job: no open pallet, numbering from 1. */
    void jobOpened() {
        open.clear();
        openCases = 0;
        pallets = 0;
        packed = 0;
        rejected = 0;
    }

    /**
     * A resumed job: pallets numbered above the vault's; the open pallet takes up the job's latest packed cases on
     * no pallet, fewer than a pallet's worth (whole pallets' worth before them were on a rejected pallet: they stay
     * for the technician).
     */
    void resumed(String jobId) {
        pallets = binder.palletsPacked(jobId);
        packed = pallets;
        rejected = 0;
        List<String> loose = binder.casesOnNoPallet(jobId);
        open.clear();
        open.addAll(loose.subList(loose.size() - loose.size() % perPallet, loose.size()));
        openCases = open.size();
        log.info("line {}: pallets of job {} continue after {} pallets; {} packed cases wait on the open pallet",
                line.lineId(), jobId, pallets, open.size());
    }

    /** A case was packed (its code as the vault names it): it joins the open pallet, which may close. */
    void casePacked(JobSpec job, String caseCode) {
        open.add(caseCode);
        openCases = open.size();
        if (open.size() >= perPallet) {
            close(job);
        }
    }

    /** Closes the open pallet as it is; returns how many cases it was closed with (0: none waited). */
    int close(JobSpec job) {
        List<String> cases = List.copyOf(open);
        open.clear();
        openCases = 0;
        return palletize(job, cases);
    }

    /**
     * Re-pallet (rework after a rejected pallet, or cases whose pallet was unpacked): the job's packed cases on no
     * pallet that do not wait on the open pallet, the oldest {@code wanted} of them (0: all), go on a new pallet
     * with a new SSCC label like any pallet; returns how many it took (0: none was loose).
     */
    int repallet(JobSpec job, int wanted, String by) {
        List<String> loose = new ArrayList<>(binder.casesOnNoPallet(job.jobId()));
        loose.removeAll(open);
        awaiting.forEach(a -> loose.removeAll(a.cases())); // on a pallet whose frame is still awaited
        List<String> cases = List.copyOf(wanted > 0 && wanted < loose.size() ? loose.subList(0, wanted) : loose);
        if (!cases.isEmpty()) {
            log.info("line {}: re-pallet of job {} asked by {}: {} packed cases on no pallet go on pallet {}",
                    line.lineId(), job.jobId(), by, cases.size(), pallets + 1);
        }
        return palletize(job, cases);
    }

    /** The cases get a pallet: its SSCC reserved, its label sent, then the pack; 0 when there are none. */
    private int palletize(JobSpec job, List<String> cases) {
        if (cases.isEmpty()) {
            return 0;
        }
        long number = ++pallets;
        String jobId = job.jobId();
        CaseCode code;
        byte[] bytes;
        try {
            code = binder.reservePallet(jobId);
        } catch (RuntimeException e) {
            log.warn("line {}: pallet {} of job {}: no pallet code could be reserved ({}); its {} cases stay on no"
                    + " pallet", line.lineId(), number, jobId, e.getMessage(), cases.size());
            reject(number, null, CaseRejectReason.VAULT, cases);
            return cases.size();
        }
        try {
            bytes = press.press(code, job, "pallet-", number);
        } catch (RuntimeException e) {
            log.error("line {}: pallet {} label could not be rendered; the pallet is rejected", line.lineId(), number,
                    e);
            reject(number, code, CaseRejectReason.PRINTER_FAULT, cases);
            return cases.size();
        }
        printer.send(bytes).whenComplete((ok, error) -> line.onLineThread(() -> {
            if (error != null) {
                log.warn("line {}: pallet {} label could not be sent to the pallet printer ({}); its {} cases stay"
                        + " packed, on no pallet", line.lineId(), number, error.getMessage(), cases.size());
                reject(number, code, CaseRejectReason.PRINTER_FAULT, cases);
            } else if (windowNanos == null) {
                pack(jobId, number, code, cases);
            } else {
                awaiting.addLast(new AwaitingPallet(jobId, number, code, cases, System.nanoTime()));
            }
        }));
        return cases.size();
    }

    private void pack(String jobId, long number, CaseCode code, List<String> cases) {
        Optional<CaseRejectReason> refused;
        try {
            // PALLET_PACKED is journaled in the pack's transaction, as CASE_PACKED is: a PLC away at that moment
            // hears it on HELLO, even after a crash that came before the line wrote anything else
            refused = line.changeOnLine(() -> binder.packPallet(jobId, code, cases),
                    r -> r.isPresent() ? null
                            : n -> new LineEvent.PalletPacked(n, number, code.code(), cases.size()));
        } catch (RuntimeException e) {
            log.warn("line {}: pallet {} could not be packed ({}); none of its cases is on it", line.lineId(), number,
                    e.getMessage());
            refused = Optional.of(CaseRejectReason.VAULT);
        }
        if (refused.isEmpty()) {
            packed++;
        } else {
            log.warn("line {}: pallet {} ({}) refused {}; its {} cases stay on no pallet", line.lineId(), number,
                    code.read(), refused.get(), cases.size());
            reject(number, code, refused.get(), cases);
        }
    }

    /** The pallet reader's frame (null: its no-read): settles the pallet whose label it read. Line thread. */
    void read(String text) {
        if (windowNanos == null) {
            return;
        }
        PalletFrame frame;
        try {
            frame = text == null ? new PalletFrame(List.of(), null) : PalletFrame.parse(text);
        } catch (CaseFrame.Unreadable e) {
            framesRefused++;
            log.warn("line {}: {}; the pallets awaiting their frame are left to their pallet window", line.lineId(),
                    e.getMessage());
            return;
        }
        if (frame.palletCode() == null) {
            AwaitingPallet head = awaiting.pollFirst();
            if (head == null) {
                framesRefused++;
                log.warn("line {}: the pallet reader could not read a pallet label, but no pallet awaits its frame;"
                        + " ignored", line.lineId());
                return;
            }
            log.warn("line {}: pallet {} ({}): the pallet reader could not read its label; its {} cases stay on no"
                    + " pallet", line.lineId(), head.number(), head.code().code(), head.cases().size());
            reject(head.number(), head.code(), CaseRejectReason.CASE_NO_READ, head.cases());
            return;
        }
        String digits = Sscc.digitsOf(frame.palletCode());
        AwaitingPallet p = awaiting.stream().filter(a -> a.code().code().equals(digits)).findFirst().orElse(null);
        if (p == null) {
            framesRefused++;
            log.warn("line {}: the pallet reader read pallet label {}, which awaits no frame: not printed by this line,"
                    + " or its pallet already settled (a frame later than the pallet window); ignored", line.lineId(),
                    frame.palletCode());
            return;
        }
        awaiting.remove(p);
        Optional<CaseRejectReason> wrong;
        try {
            List<String> keys = frame.cases().stream().map(binder::caseKey).toList();
            wrong = PalletCheck.check(p.cases(), keys, k -> binder.strayCase(p.jobId(), k));
        } catch (RuntimeException e) {
            log.warn("line {}: pallet {}: its frame could not be checked against the vault ({})", line.lineId(),
                    p.number(), e.getMessage());
            wrong = Optional.of(CaseRejectReason.VAULT);
        }
        if (wrong.isPresent()) {
            log.warn("line {}: pallet {} ({}) closed with {} cases, its frame shows {}: refused {}; its cases stay on"
                    + " no pallet", line.lineId(), p.number(), p.code().code(), p.cases().size(), frame.cases().size(),
                    wrong.get());
            reject(p.number(), p.code(), wrong.get(), p.cases());
            return;
        }
        pack(p.jobId(), p.number(), p.code(), p.cases());
    }

    /** Rejects the pallets whose frame did not come within the pallet window ({@code CASE_NO_READ}). Line thread. */
    void tick(long nowNanos) {
        if (windowNanos == null) {
            return;
        }
        Iterator<AwaitingPallet> it = awaiting.iterator();
        while (it.hasNext()) {
            AwaitingPallet p = it.next();
            if (nowNanos - p.labelledNanos() <= windowNanos) {
                continue; // a few pallets at most: each is looked at
            }
            it.remove();
            log.warn("line {}: pallet {} ({}): no pallet reader frame within the pallet window; its {} cases stay on"
                    + " no pallet", line.lineId(), p.number(), p.code().code(), p.cases().size());
            reject(p.number(), p.code(), CaseRejectReason.CASE_NO_READ, p.cases());
        }
    }

    /** Pallet reader frames refused (unreadable, or a label no pallet awaits), for tests and the log. */
    long framesRefused() {
        return framesRefused;
    }

    private void reject(long number, CaseCode code, CaseRejectReason reason, List<String> cases) {
        rejected++;
        line.emitOnLine(n -> new LineEvent.PalletRejected(n, number, code == null ? null : code.code(), reason,
                cases.size()));
    }

    long packed() {
        return packed;
    }

    long rejected() {
        return rejected;
    }

    int openCases() {
        return openCases;
    }
}
