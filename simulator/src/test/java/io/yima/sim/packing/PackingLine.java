package io.yima.sim.packing;

import static org.awaitility.Awaitility.await;

import io.yima.daemon.EdgeDaemon;
import io.yima.edge.ConfigLoader;
import io.yima.line.DeviceState;
import io.yima.line.LineSnapshot;
import io.yima.sim.forge.PackageForge;
import io.yima.sim.label.Conveyor;
import io.yima.sim.label.LabelLog;
import io.yima.sim.printer.PrinterEmulator;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.rig.EdgeConfigFile;
import io.yima.sim.rig.RigSpec;
import io.yima.sim.scanner.LabelDecoder;
import io.yima.sim.scanner.ReaderStyle;
import io.yima.sim.scanner.ScannerEmulator;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.CodeVault;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole packing line for the aggregation ITs: forged codes in a vault file, the real {@link EdgeDaemon}, the
 * item printer, belt and scanner, and after the kicker the case packer; a case printer (a second ZPL printer on
 * its own port and belt) and the case reader: in count mode a scanner reading the case labels, in scan mode the
 * camera above the case. The packer's and the camera's records are the ground truth.
 */
public final class PackingLine implements AutoCloseable {
    static final long APP = 581865877L;
    public static final String LINE = "L1";
    static final String COMPANY_PREFIX = "0614141";
    private static final String KEY = "lineItsKey16byte";

    public final CasePacker packer;
    public final PrinterEmulator printer;
    public final ScannerEmulator scanner;
    public final PrinterEmulator casePrinter;
    /** The pallet printer (its own belt, no reader), when the line settings' packing part sets per_pallet. */
    public final PrinterEmulator palletPrinter;
    private final LabelLog palletRecord;
    /** Count mode: the scanner reading case labels; null in scan mode. */
    public final ScannerEmulator caseReader;
    /** Scan mode: the camera above the case; null in count mode. */
    public final CaseCamera camera;
    private final LabelLog record;
    private final LabelLog caseRecord;
    public EdgeDaemon edge;
    private final Path config;

    /**
     * @param caseReaderFaults count mode: the case label scanner's faults (null = scan mode)
     * @param cameraFaults     scan mode: the camera's faults (null = count mode)
     */
    PackingLine(Path dir, int codes, int perCase, ScannerFaults itemFaults, ScannerFaults caseReaderFaults,
                CameraFaults cameraFaults, Duration caseWindow) throws Exception {
        this(dir, codes, perCase, itemFaults, caseReaderFaults, cameraFaults, caseWindow, Map.of());
    }

    /** @param lineSettings edge config line keys to set besides the packing section (e.g. {@code modbus}) */
    public PackingLine(Path dir, int codes, int perCase, ScannerFaults itemFaults, ScannerFaults caseReaderFaults,
                       CameraFaults cameraFaults, Duration caseWindow, Map<String, Object> lineSettings)
            throws Exception {
        this(dir, codes, perCase, itemFaults, caseReaderFaults, cameraFaults, caseWindow, lineSettings, 0);
    }

    /**
     * @param caseApp a WeChat case application whose {@code codes} forged codes are imported and used as case codes;
     *                0 = SSCC case codes
     */
    public PackingLine(Path dir, int codes, int perCase, ScannerFaults itemFaults, ScannerFaults caseReaderFaults,
                       CameraFaults cameraFaults, Duration caseWindow, Map<String, Object> lineSettings, long caseApp)
            throws Exception {
        this(dir, codes, perCase, itemFaults, caseReaderFaults, cameraFaults, caseWindow, lineSettings, caseApp,
                Map.of());
    }

    /** @param edgeSettings edge config sections to add or replace (e.g. {@code export}, {@code status}) */
    public PackingLine(Path dir, int codes, int perCase, ScannerFaults itemFaults, ScannerFaults caseReaderFaults,
                       CameraFaults cameraFaults, Duration caseWindow, Map<String, Object> lineSettings, long caseApp,
                       Map<String, Object> edgeSettings) throws Exception {
        RigSpec spec = RigSpec.defaults(dir, 0, 1);
        try (CodeVault vault = CodeVault.open(dir.resolve("vault.db"))) {
            new PackageImporter(vault).importStreams(APP, KEY.getBytes(StandardCharsets.US_ASCII),
                    List.of(NamedInput.ofBase64("codes", PackageForge.base64Package(APP, 0, codes - 1, KEY))));
            if (caseApp != 0) {
                new PackageImporter(vault).importStreams(caseApp, KEY.getBytes(StandardCharsets.US_ASCII),
                        List.of(NamedInput.ofBase64("cases", PackageForge.base64Package(caseApp, 0, codes - 1, KEY))));
            }
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Conveyor belt = new Conveyor();
        Conveyor caseBelt = new Conveyor();
        packer = new CasePacker(perCase);
        record = new LabelLog(new LabelDecoder()::text, dir.resolve("printed.jsonl"));
        caseRecord = new LabelLog(new LabelDecoder()::text, dir.resolve("case-printed.jsonl"));
        printer = new PrinterEmulator("P1", PrinterLanguage.ZPL, loopback, 0, record, belt, null).start();
        scanner = new ScannerEmulator(ReaderStyle.KEYENCE, belt, itemFaults, null, false, 0).listen(loopback, 0).start();
        casePrinter = new PrinterEmulator("CASE", PrinterLanguage.ZPL, loopback, 0, caseRecord, caseBelt, null).start();
        int readerPort;
        if (cameraFaults == null) {
            caseReader = new ScannerEmulator(ReaderStyle.KEYENCE, caseBelt, caseReaderFaults, null, false, 0)
                    .listen(loopback, 0).start();
            camera = null;
            readerPort = caseReader.port();
        } else {
            caseReader = null;
            camera = new CaseCamera(packer, caseBelt, cameraFaults, 10_000).listen(loopback, 0).start();
            readerPort = camera.port();
        }
        Map<String, Object> packing = new HashMap<>();
        packing.put("mode", cameraFaults == null ? "count" : "scan");
        packing.put("per_case", perCase);
        packing.put("case_codes", caseApp == 0
                ? Map.of("source", "sscc", "company_prefix", COMPANY_PREFIX, "extension", 0)
                : Map.of("source", "wechat", "application", caseApp));
        packing.put("case_printer", Map.of("uri", "tcp://127.0.0.1:" + casePrinter.port(), "language", "zpl",
                "status_poll", "1s"));
        packing.put("case_scanner", Map.of("uri", "tcp://127.0.0.1:" + readerPort, "no_read", "ERROR"));
        packing.put("case_window", caseWindow.toMillis() + "ms");
        Map<String, Object> settings = new HashMap<>(lineSettings);
        if (lineSettings.get("packing") instanceof Map<?, ?> extra) {
            // packing keys besides the ones above (per_pallet); with per_pallet a pallet printer of its own, unless
            // pallet_printer says case_printer (pallet labels then go to the case printer, onto the case belt)
            extra.forEach((k, v) -> packing.put((String) k, v));
        }
        boolean labelsOnCasePrinter = "case_printer".equals(packing.remove("pallet_printer"));
        if (packing.containsKey("per_pallet") && caseApp != 0) {
            packing.put("case_codes", Map.of("source", "wechat", "application", caseApp,
                    "company_prefix", COMPANY_PREFIX));
        }
        if (packing.containsKey("per_pallet") && !labelsOnCasePrinter) {
            palletRecord = new LabelLog(new LabelDecoder()::text, dir.resolve("pallet-printed.jsonl"));
            palletPrinter = new PrinterEmulator("PALLET", PrinterLanguage.ZPL, loopback, 0, palletRecord,
                    new Conveyor(), null).start();
            packing.put("pallet_printer", Map.of("uri", "tcp://127.0.0.1:" + palletPrinter.port(), "language", "zpl",
                    "status_poll", "1s"));
        } else {
            palletRecord = null;
            palletPrinter = null;
        }
        settings.put("packing", packing);
        // judged on results, not timing: a trigger is never refused STALE on the shared test machine
        settings.put("plc", Map.of("bind", "127.0.0.1", "port", 0, "heartbeat", "2s", "trigger_deadline", "10s"));
        config = dir.resolve("edge.yaml");
        Map<String, Object> edge = new HashMap<>(edgeSettings);
        if (caseApp != 0) {
            edge.put("applications", List.of(Map.of("id", APP), Map.of("id", caseApp)));
        }
        EdgeConfigFile.write(config, spec, printer.port(), scanner.port(), 0, settings, edge);
        startEdge();
    }

    /** A service restart: the edge stops cleanly, a new one starts on the same vault file and devices. */
    public void restartEdge() throws Exception {
        edge.close();
        startEdge();
    }

    private void startEdge() throws Exception {
        edge = EdgeDaemon.start(ConfigLoader.load(config), null);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            LineSnapshot s = edge.lines().get(LINE).snapshot();
            return s.printerLink() == DeviceState.ONLINE && s.scannerLink() == DeviceState.ONLINE
                    && casePrinter.connections() > 0
                    && (palletPrinter == null || palletPrinter.connections() > 0)
                    && (camera == null ? caseReader.hostsConnected() > 0 : camera.hostsConnected() > 0);
        });
    }

    /** What the pallet labels printed so far say (decoded), in print order. */
    public List<String> palletLabels() {
        return palletRecord.reads();
    }

    public CodeVault vault() {
        return edge.vault();
    }

    public int plcPort() {
        return edge.plcPort(LINE);
    }

    @Override
    public void close() throws Exception {
        edge.close();
        if (camera != null) {
            camera.close();
        }
        if (caseReader != null) {
            caseReader.close();
        }
        scanner.close();
        printer.close();
        casePrinter.close();
        if (palletPrinter != null) {
            palletPrinter.close();
            palletRecord.close();
        }
        record.close();
        caseRecord.close();
    }
}
