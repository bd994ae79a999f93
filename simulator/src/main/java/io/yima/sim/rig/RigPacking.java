package io.yima.sim.rig;

import io.yima.sim.label.Conveyor;
import io.yima.sim.label.LabelLog;
import io.yima.sim.packing.CameraFaults;
import io.yima.sim.packing.CaseCamera;
import io.yima.sim.packing.CasePacker;
import io.yima.sim.plc.PlcConversation;
import io.yima.sim.plc.PlcFrame;
import io.yima.sim.printer.PrinterEmulator;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.scanner.LabelDecoder;
import io.yima.sim.scanner.ReaderStyle;
import io.yima.sim.scanner.ScannerEmulator;
import io.yima.sim.scanner.ScannerFaults;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The packing end of a rig line (docs/aggregation.md): after the kicker the case packer (items the edge said OK
 * to drop into the open case in belt order), the case printer with its own belt, and the case reader — a scanner
 * reading case labels (count-and-close) or the camera above the case (scan-to-aggregate). It writes the edge's
 * {@code packing} section (SSCC case codes), hears the PLC's item and case events, closes the short last case with
 * CLOSE_CASE before the job closes, and accounts for the cases against the packer's record. With pallets
 * ({@code per_pallet}) a pallet printer of its own prints the pallet labels, CLOSE_PALLET closes the partial last
 * pallet, and the pallets are reconciled against the pallet printer's record and the cases the PLC heard packed.
 */
public final class RigPacking implements Closeable {
    /** How the line packs: the edge's {@code packing.mode}. */
    public enum Mode { COUNT, SCAN }

    /**
     * The cases of a rig run.
     *
     * @param closed           cases the packer closed
     * @param packed           CASE_PACKED results
     * @param refusedByReason  CASE_REJECTED reasons and counts
     * @param unsettled        closed cases without a result when the job closed
     * @param itemToCasePacked from an item's OK to its case's CASE_PACKED, as the PLC heard them
     * @param casesPerMinute   cases packed per minute of the run (first trigger to last case result)
     */
    public record Cases(int perCase, String mode, long closed, long packed, Map<String, Long> refusedByReason,
                        long unsettled, Percentiles itemToCasePacked, double casesPerMinute, Pallets pallets) {
    }

    /**
     * The pallets of a rig run (null in {@link Cases} when the line builds none).
     *
     * @param perPallet       cases a full pallet holds
     * @param packed          PALLET_PACKED results
     * @param refusedByReason PALLET_REJECTED reasons and counts
     * @param casesPerPallet  each pallet's cases as its result said, in pallet order (packed and refused)
     * @param labelsPrinted   labels the pallet printer emulator printed
     * @param casesOnAPallet  packed cases on a packed pallet
     */
    public record Pallets(int perPallet, long packed, Map<String, Long> refusedByReason, List<Integer> casesPerPallet,
                          long labelsPrinted, long casesOnAPallet) {
    }

    private static final String COMPANY_PREFIX = "0614141";

    private final int perCase;
    private final Mode mode;
    private final int perPallet;
    private final CasePacker packer;
    private final Conveyor caseBelt = new Conveyor();
    private LabelLog caseRecord;
    private PrinterEmulator casePrinter;
    private ScannerEmulator caseReader;
    private CaseCamera camera;
    private final Map<String, Long> okAt = new ConcurrentHashMap<>();
    private final Map<Long, Long> resultAt = new ConcurrentHashMap<>();
    private final Map<Long, String> refused = new ConcurrentHashMap<>();
    private volatile long firstOkNanos;
    private LabelLog palletRecord;
    private PrinterEmulator palletPrinter;
    /** Case codes in CASE_PACKED order not yet counted onto a pallet result (the line palletises in that order). */
    private final List<String> packedCases = new ArrayList<>();
    private int palletCursor;
    /** Pallet results in the order heard: number, SSCC digits, reason (null = packed), the cases counted onto it. */
    private final List<PalletResult> pallets = new ArrayList<>();
    private final List<String> palletFindings = new ArrayList<>();
    private volatile int palletAwaited = -1;

    private record PalletResult(long number, String code, String reason, List<String> cases) {
    }

    public RigPacking(int perCase, Mode mode) {
        this(perCase, mode, 0);
    }

    /** {@code perPallet} cases a pallet (0 = no pallets). */
    public RigPacking(int perCase, Mode mode, int perPallet) {
        if (perCase < 1) {
            throw new IllegalArgumentException("--per-case must be at least 1, got " + perCase);
        }
        if (perPallet < 0) {
            throw new IllegalArgumentException("--per-pallet must be 0 (no pallets) or more, got " + perPallet);
        }
        this.perCase = perCase;
        this.mode = mode;
        this.perPallet = perPallet;
        this.packer = new CasePacker(perCase);
    }

    public int perCase() {
        return perCase;
    }

    public Mode mode() {
        return mode;
    }

    public int perPallet() {
        return perPallet;
    }

    /** Starts the case printer and case reader or camera on ephemeral ports; {@code workDir} keeps their record. */
    public RigPacking start(Path workDir) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        caseRecord = new LabelLog(new LabelDecoder()::text, workDir.resolve("case-printed.jsonl"));
        casePrinter = new PrinterEmulator("CASE", PrinterLanguage.ZPL, loopback, 0, caseRecord, caseBelt, null)
                .start();
        if (mode == Mode.COUNT) {
            caseReader = new ScannerEmulator(ReaderStyle.KEYENCE, caseBelt, new ScannerFaults(1), null, false, 0)
                    .listen(loopback, 0).start();
        } else {
            camera = new CaseCamera(packer, caseBelt, new CameraFaults(1), 10_000).listen(loopback, 0).start();
        }
        if (perPallet > 0) {
            palletRecord = new LabelLog(new LabelDecoder()::text, workDir.resolve("pallet-printed.jsonl"));
            palletPrinter = new PrinterEmulator("PALLET", PrinterLanguage.ZPL, loopback, 0, palletRecord,
                    new Conveyor(), null).start();
        }
        return this;
    }

    /** The edge config's {@code packing} section for the case printer and reader this station started. */
    public Map<String, Object> edgeSettings() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("mode", mode == Mode.COUNT ? "count" : "scan");
        p.put("per_case", perCase);
        p.put("case_codes", Map.of("source", "sscc", "company_prefix", COMPANY_PREFIX, "extension", 0));
        p.put("case_printer", Map.of("uri", "tcp://127.0.0.1:" + casePrinter.port(), "language", "zpl",
                "status_poll", "1s"));
        int reader = caseReader != null ? caseReader.port() : camera.port();
        p.put("case_scanner", Map.of("uri", "tcp://127.0.0.1:" + reader, "no_read", "ERROR"));
        if (perPallet > 0) {
            p.put("per_pallet", perPallet);
            p.put("pallet_printer", Map.of("uri", "tcp://127.0.0.1:" + palletPrinter.port(), "language", "zpl",
                    "status_poll", "1s"));
        }
        return Map.of("packing", p);
    }

    /** The PLC's listener: the scenario's events, and the packing end's (OK moves an item into the packer). */
    public PlcConversation.Listener listener(PlcConversation.Listener scenario) {
        return new PlcConversation.Listener() {
            @Override
            public void event(PlcFrame e) {
                long now = System.nanoTime();
                switch (e.command()) {
                    case "OK" -> {
                        String code = URLDecoder.decode(e.field(3), StandardCharsets.UTF_8);
                        if (firstOkNanos == 0) {
                            firstOkNanos = now;
                        }
                        okAt.put(code, now);
                        packer.item(code); // passed the kicker into the open case, in belt order
                    }
                    case "CASE_PACKED" -> {
                        resultAt.put(Long.parseLong(e.field(2)), now);
                        synchronized (pallets) {
                            packedCases.add(e.field(3));
                        }
                    }
                    case "PALLET_PACKED" -> pallet(Long.parseLong(e.field(2)), e.field(3), null, e.field(4));
                    case "PALLET_REJECTED" -> pallet(Long.parseLong(e.field(2)), e.field(3), e.field(4), e.field(5));
                    case "CASE_REJECTED" -> {
                        resultAt.put(Long.parseLong(e.field(2)), now);
                        refused.put(Long.parseLong(e.field(2)), e.field(4));
                    }
                    default -> { }
                }
                scenario.event(e);
            }

            @Override
            public void linkChanged(boolean up) {
                scenario.linkChanged(up);
            }
        };
    }

    /**
     * A pallet result: its cases are the next ones the PLC heard CASE_PACKED for, in that order; a pallet that
     * claims more than are waiting would hold a case already on another pallet (or one never packed).
     */
    private void pallet(long number, String code, String reason, String casesField) {
        int cases = Integer.parseInt(casesField);
        synchronized (pallets) {
            int waiting = packedCases.size() - palletCursor;
            if (cases > waiting) {
                palletFindings.add("pallet " + number + " has " + cases + " cases but only " + waiting
                        + " packed cases were waiting for a pallet");
            }
            int to = palletCursor + Math.min(cases, waiting);
            pallets.add(new PalletResult(number, digits(code), reason,
                    List.copyOf(packedCases.subList(palletCursor, to))));
            palletCursor = to;
            pallets.notifyAll();
        }
    }

    /** An SSCC as its 18 digits, from a PLC field or a decoded label ("(00)" and spaces dropped). */
    private static String digits(String read) {
        if (read == null || read.isEmpty()) {
            return null;
        }
        String r = read.replace(" ", "").strip();
        return r.startsWith("(00)") ? r.substring(4) : r.length() == 20 && r.startsWith("00") ? r.substring(2) : r;
    }

    /**
     * With pallets, after the last case settled: CLOSE_PALLET packs the partial last pallet; then, for up to
     * {@code settleMillis}, every packed case gets onto a pallet result (the last full pallet's may still be on
     * its way) and the partial pallet's result comes.
     */
    public void closeLastPallet(PlcConversation plc, long settleMillis) throws IOException, InterruptedException {
        if (perPallet == 0) {
            return;
        }
        int before;
        synchronized (pallets) {
            before = pallets.size();
        }
        PlcFrame reply = plc.call(5000, "CLOSE_PALLET");
        if (reply.command().equals("ACK") && !reply.field(2).equals("0")) {
            palletAwaited = before + 1;
        }
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settleMillis);
        synchronized (pallets) {
            long left;
            while ((pallets.size() < palletAwaited || packedCases.size() > palletCursor)
                    && (left = end - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(pallets, left);
            }
        }
    }

    /**
     * Before the job closes: CLOSE_CASE closes the short last case (the packer's too), then every case the packer
     * closed gets its result, for up to {@code settleMillis}.
     */
    public void closeLastCase(PlcConversation plc, long settleMillis) throws IOException, InterruptedException {
        PlcFrame reply = plc.call(5000, "CLOSE_CASE");
        if (reply.command().equals("ACK")) {
            packer.closeCase();
        }
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settleMillis);
        while (resultAt.size() < packer.record().size() && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** The cases' account; case results are matched to the packer's cases by number (one job, no restart). */
    public Cases report() {
        List<CasePacker.PackedCase> closed = packer.record();
        List<Long> latencies = new ArrayList<>();
        long packed = 0;
        long lastResult = 0;
        Map<String, Long> reasons = new TreeMap<>();
        for (CasePacker.PackedCase c : closed) {
            Long at = resultAt.get(c.number());
            if (at == null) {
                continue;
            }
            lastResult = Math.max(lastResult, at);
            String reason = refused.get(c.number());
            if (reason != null) {
                reasons.merge(reason, 1L, Long::sum);
                continue;
            }
            packed++;
            for (String item : c.items()) {
                Long ok = okAt.get(item);
                if (ok != null) {
                    latencies.add(at - ok);
                }
            }
        }
        long unsettled = closed.stream().filter(c -> !resultAt.containsKey(c.number())).count();
        double minutes = lastResult > firstOkNanos && firstOkNanos > 0 ? (lastResult - firstOkNanos) / 60e9 : 0;
        return new Cases(perCase, mode.name().toLowerCase(), closed.size(), packed, reasons, unsettled,
                Percentiles.ofNanos(latencies), minutes > 0 ? Math.round(packed / minutes * 10) / 10.0 : 0,
                perPallet == 0 ? null : pallets());
    }

    private Pallets pallets() {
        synchronized (pallets) {
            Map<String, Long> reasons = new TreeMap<>();
            long packed = 0;
            long onAPallet = 0;
            List<Integer> sizes = new ArrayList<>();
            for (PalletResult p : pallets) {
                sizes.add(p.cases().size());
                if (p.reason() == null) {
                    packed++;
                    onAPallet += p.cases().size();
                } else {
                    reasons.merge(p.reason(), 1L, Long::sum);
                }
            }
            return new Pallets(perPallet, packed, reasons, sizes, palletRecord.size(), onAPallet);
        }
    }

    /**
     * The pallets against the emulators' own record: each packed pallet's label printed once by the pallet
     * printer, in pallet order, and no other; M cases a pallet but the last; every packed case counted onto a
     * pallet result, none onto two.
     */
    private List<String> palletViolations() {
        List<String> v = new ArrayList<>();
        synchronized (pallets) {
            v.addAll(palletFindings);
            if (palletAwaited > pallets.size()) {
                v.add("CLOSE_PALLET got no PALLET_PACKED or PALLET_REJECTED");
            }
            for (int i = 0; i < pallets.size() - 1; i++) {
                PalletResult p = pallets.get(i);
                if (p.cases().size() != perPallet) {
                    v.add("pallet " + p.number() + " has " + p.cases().size() + " cases, not " + perPallet
                            + " (only the last pallet may be partial)");
                }
            }
            int unpalletised = packedCases.size() - palletCursor;
            if (unpalletised > 0) {
                v.add(unpalletised + " packed cases are on no pallet result");
            }
            List<String> packedCodes = pallets.stream().filter(p -> p.reason() == null).map(PalletResult::code)
                    .toList();
            List<String> labels = palletRecord.reads().stream().map(RigPacking::digits).toList();
            Map<String, Integer> seen = new HashMap<>();
            long twice = labels.stream().filter(l -> l != null && seen.merge(l, 1, Integer::sum) > 1).count();
            if (twice > 0) {
                v.add(twice + " pallet labels printed twice");
            }
            if (!labels.equals(packedCodes)) {
                v.add("the pallet printer printed " + labels + " but the packed pallets are " + packedCodes);
            }
        }
        return v;
    }

    /** Findings for the rig's violations: a closed case without a result. */
    public List<String> violations() {
        Cases c = report();
        List<String> v = new ArrayList<>();
        if (c.unsettled() > 0) {
            v.add(c.unsettled() + " closed cases got no CASE_PACKED or CASE_REJECTED");
        }
        Map<String, Integer> seen = new HashMap<>();
        long twice = caseRecord.reads().stream().filter(r -> r != null && seen.merge(r, 1, Integer::sum) > 1).count();
        if (twice > 0) {
            v.add(twice + " case labels printed twice");
        }
        if (perPallet > 0) {
            v.addAll(palletViolations());
        }
        return v;
    }

    @Override
    public void close() throws IOException {
        if (camera != null) {
            camera.close();
        }
        if (caseReader != null) {
            caseReader.close();
        }
        try (LabelLog r = caseRecord; PrinterEmulator p = casePrinter; LabelLog pr = palletRecord;
             PrinterEmulator pp = palletPrinter) {
            // closed in reverse order
        }
    }
}
