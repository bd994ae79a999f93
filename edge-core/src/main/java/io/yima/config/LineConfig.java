package io.yima.config;

import io.yima.drivers.scanner.Trigger;
import io.yima.guard.AddressAllowList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
     * The line's own problems, naming the field under {@code at} ({@code lines[0]}): its id, each of its sections,
     * and what they need of one another (a template its printer can print, a case printer other than the item
     * printer). At most one: the checks after a problem assume the earlier ones passed (a printer's checks need a
     * printer). What a line shares with the rest of the file (its id among the lines, its applications among those
     * listed, its ports among every listening port) is the aggregate's to check. {@code modbusBlock}: the registers
     * in the Modbus block, the Modbus adapter's size.
     */
    public List<String> problems(String at, int modbusBlock) {
        try {
            check(at, modbusBlock);
            return List.of();
        } catch (ConfigException e) {
            return List.of(e.getMessage());
        }
    }

    private void check(String at, int modbusBlock) {
        if (FieldChecks.blank(id) || !id.matches("[A-Za-z0-9_-]{1,32}")) {
            throw ConfigException.at(at + ".id", "required: 1-32 letters, digits, '-' or '_'");
        }
        if (application == null) {
            throw ConfigException.at(at + ".application", "required (which application's codes this line prints)");
        }
        if (printer == null) {
            throw ConfigException.at(at + ".printer", "required");
        }
        FieldChecks.first(printer.problems(at + ".printer"));
        if (scanner == null) {
            throw ConfigException.at(at + ".scanner", "required");
        }
        FieldChecks.first(scanner.problems(at + ".scanner"));
        if (plc == null || plc.port() == null) {
            throw ConfigException.at(at + ".plc.port", "required (the TCP port the PLC connects to)");
        }
        if (plc.port() < 0 || plc.port() > 65535) {
            throw ConfigException.at(at + ".plc.port", "must be between 0 and 65535");
        }
        printsOn(label, printer, at + ".label", at + ".printer.stored_images");
        FieldChecks.first(plc.problems(at + ".plc"));
        FieldChecks.first(verify.problems(at + ".verify"));
        if (modbus != null) {
            FieldChecks.first(modbus.problems(at + ".modbus", modbusBlock));
        }
        if (packing != null) {
            FieldChecks.first(packing.problems(at + ".packing"));
            packingDevicesOfTheirOwn(at + ".packing");
        }
        FieldChecks.first(jobDefaults.problems(at + ".job_defaults"));
    }

    /** Case codes, case and pallet devices: none of them the item's. */
    private void packingDevicesOfTheirOwn(String at) {
        Packing p = packing;
        if (p.caseCodes().wechat() && p.caseCodes().application().equals(application)) {
            throw ConfigException.at(at + ".case_codes.application", "is the line's item application "
                    + application + "; case labels need codes of their own application");
        }
        if (p.casePrinter().uri().equals(printer.uri())) {
            throw ConfigException.at(at + ".case_printer.uri", "is the item printer's " + printer.uri()
                    + "; case labels go to a printer of their own");
        }
        if (p.caseScanner().uri().equals(scanner.uri())) {
            throw ConfigException.at(at + ".case_scanner.uri", "is the item scanner's " + scanner.uri()
                    + "; the case reader is a device of its own");
        }
        Printer pp = p.palletPrinter();
        if (pp != null && (pp.uri().equals(printer.uri()) || pp.uri().equals(p.casePrinter().uri()))) {
            throw ConfigException.at(at + ".pallet_printer.uri", "is the item or case printer's " + pp.uri()
                    + "; leave pallet_printer out to print pallet labels on the case printer");
        }
        Scanner ps = p.palletScanner();
        if (ps != null && (ps.uri().equals(scanner.uri()) || ps.uri().equals(p.caseScanner().uri()))) {
            throw ConfigException.at(at + ".pallet_scanner.uri", "is the item or case reader's " + ps.uri()
                    + "; the pallet reader is a device of its own");
        }
    }

    /**
     * A label and the printer it prints on: the label's own settings, its template against the printer, and the
     * printer's downloaded graphics, which are ESC/POS's and need a template's fixed part to keep.
     */
    static void printsOn(Label label, Printer printer, String labelAt, String storedImagesAt) {
        if (label != null) {
            FieldChecks.first(label.problems(labelAt));
            LabelTemplateRules.check(label, printer, labelAt);
        }
        if (printer.storedImages() == null) {
            return;
        }
        if (printer.language() != PrinterLanguage.ESCPOS) {
            throw ConfigException.at(storedImagesAt, "applies to ESC/POS printers only; a "
                    + printer.language().name() + " printer keeps the fixed part with label.stored_format");
        }
        if (printer.storedImagesOrDefault() && (label == null || label.template() == null)) {
            throw ConfigException.at(storedImagesAt, "needs a label template (label.template): without one every"
                    + " label is a single symbol and nothing stays the same to keep in the printer");
        }
    }

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
         * {@code lines[0].packing.case_printer}).
         */
        public List<String> problems(String at) {
            List<String> p = new ArrayList<>();
            FieldChecks.add(p, at + ".uri", FieldChecks.uri(uri, FieldChecks.PRINTER_SCHEMES));
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

        /**
         * 30 × 20 mm at 300 dpi, a 10 mm symbol at (2 mm, 2 mm), the code printed under it, no fixed text;
         * storedFormat true: a ZPL template's fixed part is downloaded once and recalled with each label. symbol (the
         * job's), quietZone (4 modules for QR, 2 for Micro Code), template, font and timeZone keep null for "not
         * given".
         */
        public Label {
            widthMm = widthMm == null ? 30.0 : widthMm;
            heightMm = heightMm == null ? 20.0 : heightMm;
            dpi = dpi == null ? 300 : dpi;
            sizeMm = sizeMm == null ? 10.0 : sizeMm;
            xMm = xMm == null ? 2.0 : xMm;
            yMm = yMm == null ? 2.0 : yMm;
            humanReadable = humanReadable == null || humanReadable;
            fixedText = fixedText == null ? List.of() : fixedText;
            storedFormat = storedFormat == null || storedFormat;
        }

        private static final Set<Integer> DPIS = Set.of(203, 300, 600);

        /**
         * Problems with the label's own settings, each naming its field under {@code at} ({@code lines[0].label});
         * its template against the printer is checked with the printer ({@link LineConfig#printsOn}).
         */
        public List<String> problems(String at) {
            List<String> p = new ArrayList<>();
            FieldChecks.add(p, at + ".width_mm", FieldChecks.positive(widthMm));
            FieldChecks.add(p, at + ".height_mm", FieldChecks.positive(heightMm));
            FieldChecks.add(p, at + ".size_mm", FieldChecks.positive(sizeMm));
            if (dpi != null && !DPIS.contains(dpi)) {
                p.add(at + ".dpi: " + dpi + " is not one of 203, 300, 600");
            }
            if (symbol != null) {
                FieldChecks.add(p, at + ".symbol", FieldChecks.oneOf(symbol, Set.of("MICROCODE", "QR"), true));
            }
            return p;
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

        /**
         * Problems with the scanner's settings, each naming its field under {@code at} ({@code lines[0].scanner}):
         * its uri, and the fence of a listening scanner (allow-list entries and the connection cap), which only a
         * scanner the reader connects to has. Its frame bound depends on its role and is checked there.
         */
        public List<String> problems(String at) {
            List<String> p = new ArrayList<>();
            FieldChecks.add(p, at + ".uri", FieldChecks.uri(uri, FieldChecks.SCANNER_SCHEMES));
            boolean listening = uri != null && uri.regionMatches(true, 0, "listen:", 0, 7);
            if (!listening && (allow != null || maxConnections != null)) {
                p.add(at + (allow != null ? ".allow" : ".max_connections") + ": only for a listen:// scanner (the"
                        + " reader connects to the edge); this one is " + uri);
            }
            List<String> entries = allowOrDefault();
            for (int i = 0; i < entries.size(); i++) {
                FieldChecks.add(p, at + ".allow[" + i + "]", AddressAllowList.problem(entries.get(i)));
            }
            if (maxConnections != null && (maxConnections < 1 || maxConnections > 16)) {
                p.add(at + ".max_connections: must be between 1 and 16");
            }
            return p;
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

        /**
         * Problems with the link's settings, each naming its field under {@code at} ({@code lines[0].modbus});
         * {@code block}: the registers in the Modbus block (the adapter's size). Its port among every listening
         * port is checked with them.
         */
        public List<String> problems(String at, int block) {
            List<String> p = new ArrayList<>();
            if (mode == null) {
                p.add(at + ".mode: required: server (the PLC connects to the edge) or client (the edge polls the PLC)");
                return p;
            }
            if (unitId != null && (unitId < 0 || unitId > 255)) {
                p.add(at + ".unit_id: must be between 0 and 255");
            }
            if (client()) {
                if (FieldChecks.blank(host)) {
                    p.add(at + ".host: required in client mode (the PLC's address)");
                }
                if (bind != null) {
                    p.add(at + ".bind: is for server mode; in client mode give host");
                }
                if (port < 1 || port > 65535) {
                    p.add(at + ".port: must be between 1 and 65535 (the PLC's Modbus port, usually 502)");
                }
                int highest = 65535 - block + 1;
                if (base < 0 || base > highest) {
                    p.add(at + ".base: must be between 0 and " + highest + " (the block is " + block + " registers)");
                }
                FieldChecks.add(p, at + ".poll", FieldChecks.tooShort(poll, Duration.ofMillis(5)));
                if (poll.compareTo(Duration.ofSeconds(10)) > 0) {
                    p.add(at + ".poll: " + DurationText.format(poll) + " is too long (at most 10s)");
                }
            } else {
                if (host != null || poll != null || base != null || unitId != null) {
                    p.add(at + ": host, unit_id, poll and base are for client mode; in server mode give bind and port"
                            + " (the edge answers any unit id)");
                }
                if (port < 0 || port > 65535) {
                    p.add(at + ".port: must be between 0 and 65535");
                }
                if (bind.isBlank()) {
                    p.add(at + ".bind: must be an address or interface name, e.g. 127.0.0.1");
                }
            }
            FieldChecks.add(p, at + ".heartbeat", FieldChecks.tooShort(heartbeat, Duration.ofMillis(100)));
            FieldChecks.add(p, at + ".timeout", FieldChecks.tooShort(timeout, Duration.ofSeconds(1)));
            return p;
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

        /** Problems with the job defaults, each naming its field under {@code at} ({@code lines[0].job_defaults}). */
        public List<String> problems(String at) {
            List<String> p = new ArrayList<>();
            if (wxaType != null && (wxaType < 0 || wxaType > 2)) {
                p.add(at + ".wxa_type: must be 0 (release), 1 (develop) or 2 (trial)");
            }
            return p;
        }
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

        /**
         * Problems with the packing section's own settings, naming the field under {@code at}
         * ({@code lines[0].packing}): its mode and sizes, where case codes come from, its printers and readers. At
         * most one, as the checks after a problem assume the earlier ones passed. What it needs of the line (devices
         * and codes other than the item's) is the line's to check, the case application among those listed the
         * file's.
         */
        public List<String> problems(String at) {
            try {
                check(at);
                return List.of();
            } catch (ConfigException e) {
                return List.of(e.getMessage());
            }
        }

        private void check(String at) {
            if (FieldChecks.blank(mode)) {
                throw ConfigException.at(at + ".mode", "required: count (the line closes a case after per_case"
                        + " verified items) or scan (a camera reads the whole case)");
            }
            FieldChecks.require(at + ".mode", FieldChecks.oneOf(mode, Set.of("COUNT", "SCAN"), true));
            if (perCase == null) {
                throw ConfigException.at(at + ".per_case", "required: how many items go into one case");
            }
            if (perCase < 1 || perCase > 1000) {
                throw ConfigException.at(at + ".per_case", "must be 1 to 1000 items");
            }
            if (perPallet != null && (perPallet < 1 || perPallet > 1000)) {
                throw ConfigException.at(at + ".per_pallet", "must be 1 to 1000 cases");
            }
            CaseCodes codes = caseCodes;
            if (codes == null || FieldChecks.blank(codes.source())) {
                throw ConfigException.at(at + ".case_codes.source", "required: wechat (codes of a case application)"
                        + " or sscc (GS1 SSCC-18 from the brand's company prefix)");
            }
            FieldChecks.require(at + ".case_codes.source", FieldChecks.oneOf(codes.source(), Set.of("wechat", "sscc"),
                    false));
            if (codes.wechat()) {
                if (codes.application() == null) {
                    throw ConfigException.at(at + ".case_codes.application", "required for wechat case codes (the"
                            + " application whose codes go on case labels)");
                }
                if ((codes.companyPrefix() != null || codes.extension() != null) && perPallet == null) {
                    throw ConfigException.at(at + ".case_codes", "company_prefix and extension are for sscc case"
                            + " codes (and for the pallets' SSCCs with per_pallet)");
                }
                if (perPallet != null) {
                    codes.ssccPrefix(at, "required with per_pallet: pallets get SSCC-18 codes built from the"
                            + " brand's GS1 company prefix, 7 to 10 digits");
                }
            } else {
                codes.ssccPrefix(at, "required for sscc case codes: the brand's GS1 company prefix, 7 to 10 digits");
                if (codes.application() != null) {
                    throw ConfigException.at(at + ".case_codes.application", "is for wechat case codes; sscc codes"
                            + " are built from company_prefix");
                }
            }
            if (casePrinter == null) {
                throw ConfigException.at(at + ".case_printer", "required: the printer of the case labels");
            }
            FieldChecks.first(casePrinter.problems(at + ".case_printer"));
            printsOn(caseLabel, casePrinter, at + ".case_label", at + ".case_printer.stored_images");
            if (caseScanner == null) {
                throw ConfigException.at(at + ".case_scanner", "required: the reader of the case labels (count) or"
                        + " the camera above the case (scan)");
            }
            FieldChecks.first(caseScanner.problems(at + ".case_scanner"));
            if (caseScanner.maxFrame() != null && (caseScanner.maxFrame() < 16 || caseScanner.maxFrame() > 16384)) {
                throw ConfigException.at(at + ".case_scanner.max_frame", "must be 16 to 16384 bytes");
            }
            FieldChecks.require(at + ".case_window", FieldChecks.tooShort(caseWindow, Duration.ofMillis(100)));
            if (palletPrinter != null) {
                if (perPallet == null) {
                    throw ConfigException.at(at + ".pallet_printer", "is for a line that builds pallets (per_pallet)");
                }
                FieldChecks.first(palletPrinter.problems(at + ".pallet_printer"));
            }
            // the optional pallet reader (docs/aggregation.md "Pallets"): a device of its own, for a line with pallets
            if (palletScanner == null) {
                if (palletWindow != null) {
                    throw ConfigException.at(at + ".pallet_window", "is for a line with a pallet_scanner (how long a"
                            + " labelled pallet waits for the reader's frame)");
                }
                return;
            }
            if (perPallet == null) {
                throw ConfigException.at(at + ".pallet_scanner", "is for a line that builds pallets (per_pallet)");
            }
            FieldChecks.first(palletScanner.problems(at + ".pallet_scanner"));
            if (palletScanner.maxFrame() != null && (palletScanner.maxFrame() < 16
                    || palletScanner.maxFrame() > 32768)) {
                throw ConfigException.at(at + ".pallet_scanner.max_frame", "must be 16 to 32768 bytes");
            }
            FieldChecks.require(at + ".pallet_window", FieldChecks.tooShort(palletWindow, Duration.ofSeconds(1)));
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

        /** The SSCC company prefix and extension digit of case or pallet codes; {@code at} is the packing section. */
        void ssccPrefix(String at, String missing) {
            if (companyPrefix == null || !companyPrefix.matches("[0-9]{7,10}")) {
                throw ConfigException.at(at + ".case_codes.company_prefix", missing + (companyPrefix == null
                        ? "" : " (got '" + companyPrefix + "')"));
            }
            if (extension != null && (extension < 0 || extension > 9)) {
                throw ConfigException.at(at + ".case_codes.extension", "must be one digit, 0 to 9");
            }
        }
    }
}
