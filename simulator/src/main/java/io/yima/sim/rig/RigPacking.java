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
 * CLOSE_CASE before the job closes, and accounts for the cases against the packer's record.
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
                        long unsettled, Percentiles itemToCasePacked, double casesPerMinute) {
    }

    private static final String COMPANY_PREFIX = "0614141";

    private final int perCase;
    private final Mode mode;
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

    public RigPacking(int perCase, Mode mode) {
        if (perCase < 1) {
            throw new IllegalArgumentException("--per-case must be at least 1, got " + perCase);
        }
        this.perCase = perCase;
        this.mode = mode;
        this.packer = new CasePacker(perCase);
    }

    public int perCase() {
        return perCase;
    }

    public Mode mode() {
        return mode;
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
                    case "CASE_PACKED" -> resultAt.put(Long.parseLong(e.field(2)), now);
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
                Percentiles.ofNanos(latencies), minutes > 0 ? Math.round(packed / minutes * 10) / 10.0 : 0);
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
        try (LabelLog r = caseRecord; PrinterEmulator p = casePrinter) {
            // closed in reverse order
        }
    }
}
