package io.yima.config;

import io.yima.drivers.scanner.Trigger;
import io.yima.guard.AddressAllowList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One production line: a printer, a scanner, a PLC port and how jobs on it are run. */
public record LineConfig(
        String id,
        Long application,
        LineMode mode,
        Printer printer,
        Label label,
        Scanner scanner,
        Plc plc,
        Verify verify,
        Stream stream,
        JobDefaults jobDefaults,
        Modbus modbus,
        Packing packing) {

    /**
     * A line's sections left out take their defaults here (TRIGGERED, the verify and stream defaults, no job
     * defaults); printer, scanner and plc stay null when left out, as the validator requires them.
     */
    public LineConfig {
        mode = mode == null ? LineMode.TRIGGERED : mode;
        verify = verify == null ? new Verify(null, null) : verify;
        stream = stream == null ? new Stream(null) : stream;
        jobDefaults = jobDefaults == null ? JobDefaults.NONE : jobDefaults;
    }

    /** A line without a packing section (the shape before aggregation existed). */
    public LineConfig(String id, Long application, LineMode mode, Printer printer, Label label, Scanner scanner,
                      Plc plc, Verify verify, Stream stream, JobDefaults jobDefaults, Modbus modbus) {
        this(id, application, mode, printer, label, scanner, plc, verify, stream, jobDefaults, modbus, null);
    }

    /** A line without a Modbus section (the shape before Modbus existed). */
    public LineConfig(String id, Long application, LineMode mode, Printer printer, Label label, Scanner scanner,
                      Plc plc, Verify verify, Stream stream, JobDefaults jobDefaults) {
        this(id, application, mode, printer, label, scanner, plc, verify, stream, jobDefaults, null);
    }

    public enum LineMode { TRIGGERED, STREAM, PREPRINT }

    /**
     * @param printRate labels per second the printer prints; where it does not report its queue (ESC/POS), the
     *                  line estimates when each label is printed from it. Null = unknown: such a printer's labels
     *                  count as printed once their bytes are flushed.
     * @param maxAhead  labels handed to the printer and not printed yet, at most: the dispatcher waits beyond it
     * @param busyStatusPoll the status poll while the printer has labels to print (sent in the last second, or
     *                  counted queued): a fault mid-job is heard this soon, and fewer labels go into a printer
     *                  that cannot print them; {@code statusPoll} applies while it is idle
     */
    public record Printer(String uri, PrinterLanguage language, PrinterGraphic graphic, Duration statusPoll,
                          Duration statusTimeout, Integer maxBandHeight, Double printRate, Integer maxAhead,
                          Duration busyStatusPoll, Boolean storedImages) {
        public Printer(String uri, PrinterLanguage language, PrinterGraphic graphic, Duration statusPoll,
                       Duration statusTimeout, Integer maxBandHeight, Double printRate, Integer maxAhead,
                       Duration busyStatusPoll) {
            this(uri, language, graphic, statusPoll, statusTimeout, maxBandHeight, printRate, maxAhead, busyStatusPoll,
                    null);
        }

        public Printer(String uri, PrinterLanguage language, PrinterGraphic graphic, Duration statusPoll,
                       Duration statusTimeout, Integer maxBandHeight) {
            this(uri, language, graphic, statusPoll, statusTimeout, maxBandHeight, null, null);
        }

        public Printer(String uri, PrinterLanguage language, PrinterGraphic graphic, Duration statusPoll,
                       Duration statusTimeout, Integer maxBandHeight, Double printRate, Integer maxAhead) {
            this(uri, language, graphic, statusPoll, statusTimeout, maxBandHeight, printRate, maxAhead, null);
        }

        /** This printer driven in another language or graphic form; every other setting kept. */
        public Printer speaking(PrinterLanguage newLanguage, PrinterGraphic newGraphic) {
            return new Printer(uri, newLanguage, newGraphic, statusPoll, statusTimeout, maxBandHeight, printRate,
                    maxAhead, busyStatusPoll, storedImages);
        }

        /**
         * Defaults: ZPL; status poll 1 s, status timeout 3 s; max band height 256 dots (ESC/POS); busy status poll
         * 150 ms, a paper-out heard within a quarter second, at 7 small status replies a second while printing;
         * max ahead 32, under the emulated Zebra's 64-format buffer and a second of printing at 30 labels/s between
         * polls. {@code graphic} keeps null for "the language's own form" (Z64 for ZPL, BITMAP for TSPL, raster for
         * ESC/POS) and {@code printRate} for "unknown".
         */
        public Printer {
            language = language == null ? PrinterLanguage.ZPL : language;
            statusPoll = statusPoll == null ? Duration.ofSeconds(1) : statusPoll;
            statusTimeout = statusTimeout == null ? Duration.ofSeconds(3) : statusTimeout;
            maxBandHeight = maxBandHeight == null ? 256 : maxBandHeight;
            maxAhead = maxAhead == null ? 32 : maxAhead;
            busyStatusPoll = busyStatusPoll == null ? Duration.ofMillis(150) : busyStatusPoll;
        }

        /**
         * Problems with the printer's settings, each naming its field under {@code at} ({@code lines[0].printer},
         * {@code lines[0].packing.case_printer}); the uri's scheme is checked with the scanner's, by the validator.
         */
        public List<String> problems(String at) {
            List<String> p = new ArrayList<>();
            // BITMAP is TSPL's raster form and HEX/RLE/Z64 are ZPL's: each language takes its own (or NATIVE)
            if (language == PrinterLanguage.TSPL && graphic != null && graphic != PrinterGraphic.BITMAP
                    && graphic != PrinterGraphic.NATIVE) {
                p.add(at + ".graphic: a TSPL printer takes BITMAP (the label as an image) or NATIVE (the printer"
                        + " draws the QR), not " + graphic);
            }
            if (language == PrinterLanguage.ZPL && graphic == PrinterGraphic.BITMAP) {
                p.add(at + ".graphic: BITMAP is for TSPL printers; a ZPL printer takes Z64, RLE, HEX or NATIVE");
            }
            atLeast(p, statusPoll, Duration.ofMillis(50), at + ".status_poll");
            atLeast(p, statusTimeout, Duration.ofMillis(100), at + ".status_timeout");
            atLeast(p, busyStatusPoll, Duration.ofMillis(50), at + ".busy_status_poll");
            if (printRate != null && !(printRate > 0 && printRate <= 1000)) {
                p.add(at + ".print_rate: must be labels per second, above 0 and at most 1000");
            }
            if (maxAhead < 1 || maxAhead > 1000) {
                p.add(at + ".max_ahead: must be 1 to 1000 labels");
            }
            return p;
        }

        /**
         * Z64 when not given: ZPL's compressed image; for ESC/POS the same as any other non-NATIVE form (raster).
         * Kept out of the constructor: the language's own form has no word for ESC/POS's raster, and TSPL's is not Z64.
         */
        public PrinterGraphic graphicOrDefault() {
            return graphic == null ? PrinterGraphic.Z64 : graphic;
        }

        /**
         * ESC/POS with a label template: keep the label's fixed part in the printer as downloaded graphics
         * ({@code GS ( L}); off by default, as not every ESC/POS printer has them (docs/labels.md). Kept out of the
         * constructor: the key is refused on a ZPL or TSPL printer even when written false, so the check must see it.
         */
        public boolean storedImagesOrDefault() {
            return Boolean.TRUE.equals(storedImages);
        }
    }

    /**
     * The label. Without {@code template}: a symbol, the code under it and {@code fixedText} lines in printer fonts.
     * With one (docs/labels.md): the edge draws every element; {@code font} is the font file text is drawn with,
     * {@code timeZone} the zone of {@code {date}} fields, {@code storedFormat} (ZPL) whether the fixed part is
     * downloaded once as a stored format (default) or sent with every label.
     */
    public record Label(Double widthMm, Double heightMm, Integer dpi, String symbol, Double sizeMm, Double xMm,
                        Double yMm, Integer quietZone, Boolean humanReadable, List<String> fixedText,
                        LabelTemplate template, String font, String timeZone, Boolean storedFormat) {
        public Label(Double widthMm, Double heightMm, Integer dpi, String symbol, Double sizeMm, Double xMm,
                     Double yMm, Integer quietZone, Boolean humanReadable, List<String> fixedText) {
            this(widthMm, heightMm, dpi, symbol, sizeMm, xMm, yMm, quietZone, humanReadable, fixedText, null, null,
                    null, null);
        }

        /** This label with another template (the one read from {@code template.file}). */
        public Label withTemplate(LabelTemplate t, String fontFile) {
            return new Label(widthMm, heightMm, dpi, symbol, sizeMm, xMm, yMm, quietZone, humanReadable, fixedText,
                    t, fontFile, timeZone, storedFormat);
        }

        /** storedFormat true: a ZPL template's fixed part is downloaded once and recalled with each label. */
        public Label {
            storedFormat = storedFormat == null || storedFormat;
        }
    }

    /**
     * For a {@code listen://} scanner (the reader connects to the edge): {@code allow}, the addresses or networks a
     * reader may connect from (default: any that can reach the port); {@code maxConnections}, readers held at once
     * (default 1; a reader connecting again from the same address replaces its old connection).
     */
    public record Scanner(String uri, String noRead, Trigger trigger, Integer maxFrame, List<String> allow,
                          Integer maxConnections) {
        /**
         * noRead {@code ERROR} (what a Keyence reader sends for no read); trigger NONE: the reader triggers itself
         * (photo-eye) and just sends its reads. maxFrame, allow and maxConnections keep null for "not given": allow and
         * maxConnections are refused on a scanner that does not listen, and a case camera's frame is larger.
         */
        public Scanner {
            noRead = noRead == null ? "ERROR" : noRead;
            trigger = trigger == null ? Trigger.NONE : trigger;
        }

        public Scanner(String uri, String noRead, Trigger trigger, Integer maxFrame) {
            this(uri, noRead, trigger, maxFrame, null, null);
        }

        // allow, max_connections: refused on a scanner that does not listen, so the check must see them written
        public List<String> allowOrDefault() {
            return allow == null ? List.of() : allow;
        }

        public int maxConnectionsOrDefault() {
            return maxConnections == null ? 1 : maxConnections;
        }

        /** 1024 for an item scanner; a case camera's and a pallet reader's default is their framing's (packing). */
        public int maxFrameOrDefault() {
            return maxFrame == null ? 1024 : maxFrame;
        }
    }

    /**
     * The line's PLC port. {@code takeover}: a second PLC's HELLO replaces the session holding the line (default:
     * refused {@code IN_USE}); {@code allow}: the addresses or networks a PLC may connect from (default: any that
     * can reach {@code bind}); {@code maxConnections}: connections held at once, greeted or not;
     * {@code helloTimeout}: how long a connection may stay without HELLO; {@code triggerDeadline}: the longest a
     * PRINT may wait to be issued, later it is refused STALE and never printed.
     */
    public record Plc(String bind, Integer port, Duration heartbeat,
                      Boolean takeover,
                      List<String> allow,
                      Integer maxConnections,
                      Duration helloTimeout,
                      Duration triggerDeadline) {
        public Plc(String bind, Integer port, Duration heartbeat) {
            this(bind, port, heartbeat, null, null, null, null, null);
        }

        /**
         * Every setting left out takes its default here, so the port's users read plain fields. triggerDeadline
         * 500 ms: what a healthy edge meets with room (PRINT→ACK p99 is tens of ms on an idle box and stays under
         * ~400 ms on the loaded 2-core bench machine, docs/BENCHMARKS.md), while a label later than that has
         * missed a product moving at line speed.
         */
        public Plc {
            bind = bind == null ? "127.0.0.1" : bind;
            heartbeat = heartbeat == null ? Duration.ofSeconds(2) : heartbeat;
            takeover = takeover != null && takeover;
            allow = allow == null ? List.of() : allow;
            maxConnections = maxConnections == null ? 4 : maxConnections;
            helloTimeout = helloTimeout == null ? Duration.ofSeconds(10) : helloTimeout;
            triggerDeadline = triggerDeadline == null ? Duration.ofMillis(500) : triggerDeadline;
        }

        /**
         * Problems with the port's settings, each naming its field under {@code at} ({@code lines[0].plc}); the port
         * number, which must differ from every other line's, is checked with the lines.
         */
        public List<String> problems(String at) {
            List<String> p = new ArrayList<>();
            atLeast(p, heartbeat, Duration.ofMillis(100), at + ".heartbeat");
            for (int i = 0; i < allow.size(); i++) {
                String problem = AddressAllowList.problem(allow.get(i));
                if (problem != null) {
                    p.add(at + ".allow[" + i + "]: " + problem);
                }
            }
            if (maxConnections < 1 || maxConnections > 1000) {
                p.add(at + ".max_connections: must be between 1 and 1000");
            }
            atLeast(p, helloTimeout, Duration.ofMillis(100), at + ".hello_timeout");
            // No "off": a trigger served seconds late labels the wrong product; 50 ms is below one group commit.
            atLeast(p, triggerDeadline, Duration.ofMillis(50), at + ".trigger_deadline");
            return p;
        }
    }

    /**
     * The line's Modbus TCP link (docs/modbus.md), off when absent. {@code server}: the edge listens on
     * {@code bind:port} and the PLC is the Modbus client; {@code client}: the edge polls the register block at
     * {@code base} in the PLC at {@code host:port}, unit {@code unit_id}, every {@code poll}.
     */
    public record Modbus(ModbusMode mode, String bind, Integer port, Integer unitId, String host, Duration poll,
                         Integer base, Duration heartbeat, Duration timeout, Boolean takeover) {
        public Modbus(ModbusMode mode, String bind, Integer port, Integer unitId, String host, Duration poll,
                      Integer base, Duration heartbeat, Duration timeout) {
            this(mode, bind, port, unitId, host, poll, base, heartbeat, timeout, null);
        }

        /**
         * port 502 (the Modbus port); heartbeat 2 s: how often the PLC must change its heartbeat word, silent for
         * three of these = link offline; timeout 10 s: how long a trigger or command may wait for the line before it
         * is answered NO_ANSWER; takeover (server mode): a write from another connection than the writer's takes the
         * block over (default refused). Each mode's own keys get their default in that mode only, and stay null in
         * the other, which refuses them when written: server mode binds 127.0.0.1; client mode polls unit_id 1 every
         * 20 ms at base 0.
         */
        public Modbus {
            port = port == null ? 502 : port;
            heartbeat = heartbeat == null ? Duration.ofSeconds(2) : heartbeat;
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
            takeover = takeover != null && takeover;
            if (mode == ModbusMode.CLIENT) {
                unitId = unitId == null ? 1 : unitId;
                poll = poll == null ? Duration.ofMillis(20) : poll;
                base = base == null ? 0 : base;
            } else {
                bind = bind == null ? "127.0.0.1" : bind;
            }
        }

        public boolean client() {
            return mode == ModbusMode.CLIENT;
        }

    }

    /** window 5 s: a label unread one window after it is printed is TIMEOUT; maxInFlight 64 labels awaiting a read. */
    public record Verify(Duration window, Integer maxInFlight) {
        public Verify {
            window = window == null ? Duration.ofSeconds(5) : window;
            maxInFlight = maxInFlight == null ? 64 : maxInFlight;
        }

        /** Problems with this section, each naming its field under {@code at} ({@code lines[0].verify}). */
        public List<String> problems(String at) {
            List<String> p = new ArrayList<>();
            atLeast(p, window, Duration.ofMillis(100), at + ".window");
            if (maxInFlight < 1) {
                p.add(at + ".max_in_flight: must be at least 1");
            }
            return p;
        }
    }

    /** depth 8: labels a STREAM line keeps printed ahead of the belt. */
    public record Stream(Integer depth) {
        public Stream {
            depth = depth == null ? 8 : depth;
        }
    }

    /** Job fields the PLC may leave out of START: symbol and the activation product fields. */
    public record JobDefaults(String symbol, String activity, String brand, String title, String ean,
                              String wxaAppid, String wxaPath, Integer wxaType) {
        public static final JobDefaults NONE = new JobDefaults(null, null, null, null, null, null, null, null);
    }

    /**
     * The PLC's trigger deadline, also for a line built without a plc section (tests, tools): plc stays null when
     * left out, as the check requires it.
     */
    public Duration triggerDeadlineOrDefault() {
        return (plc == null ? new Plc(null, null, null) : plc).triggerDeadline();
    }

    /** Zero or a few milliseconds here is a typo (a unit forgotten), never a setting a line can run with. */
    private static void atLeast(List<String> p, Duration d, Duration min, String at) {
        if (d.compareTo(min) < 0) {
            p.add(at + ": " + DurationText.format(d) + " is too short (at least " + DurationText.format(min) + ")");
        }
    }

    /**
     * Aggregation (docs/aggregation.md): verified items packed into cases. {@code mode}: COUNT (the line counts
     * {@code perCase} bound items in belt order, or the PLC closes the case) or SCAN (a camera above the case
     * sends the item codes and the case label in one frame); {@code caseCodes}: where case codes come from;
     * {@code casePrinter} / {@code caseLabel}: the second printer of the line and its label; {@code caseScanner}:
     * reads the case label (COUNT) or the whole case (SCAN); {@code caseWindow}: how long a printed case label
     * waits for its read before the case is rejected CASE_NO_READ. {@code perPallet}: after that many packed cases
     * the line packs a pallet (an SSCC from {@code caseCodes.companyPrefix}); its label goes to
     * {@code palletPrinter}, else to the case printer. {@code palletScanner}: optional reader of the pallet (its
     * case labels and its pallet label in one frame); with it a labelled pallet is packed only when its frame
     * checks out within {@code palletWindow}.
     */
    public record Packing(String mode, Integer perCase, Integer perPallet, CaseCodes caseCodes,
                          Printer casePrinter, Label caseLabel, Scanner caseScanner, Duration caseWindow,
                          Printer palletPrinter, Scanner palletScanner, Duration palletWindow) {
        public enum PackingMode { COUNT, SCAN }

        /**
         * caseWindow 10 s; palletWindow 30 s with a pallet scanner, and null without one: pallet_window is refused
         * on a line without a pallet_scanner, so the check must see it written.
         */
        public Packing {
            caseWindow = caseWindow == null ? Duration.ofSeconds(10) : caseWindow;
            palletWindow = palletWindow == null && palletScanner != null ? Duration.ofSeconds(30) : palletWindow;
        }

        /** The mode as written ({@code count} or {@code scan}, any case); the validator refuses anything else. */
        public PackingMode packingMode() {
            return PackingMode.valueOf(mode.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * Where a line's case codes come from: {@code source: wechat} with the case {@code application} (a 一物一码
     * code of another application, reserved and issued like an item's), or {@code source: sscc} with the brand's
     * GS1 {@code companyPrefix} (7 to 10 digits) and the SSCC {@code extension} digit (0-9).
     */
    public record CaseCodes(String source, Long application, String companyPrefix, Integer extension) {
        public boolean wechat() {
            return "wechat".equalsIgnoreCase(source);
        }
    }
}
