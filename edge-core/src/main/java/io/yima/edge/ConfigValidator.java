package io.yima.edge;

import io.yima.config.ConfigException;
import io.yima.config.DurationText;
import io.yima.config.LabelTemplateRules;
import io.yima.config.LineConfig;
import io.yima.config.PrinterLanguage;
import io.yima.guard.AddressAllowList;
import io.yima.modbus.RegisterMap;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Semantic checks Jackson cannot make; each failure names the field ({@code lines[0].printer.uri: …}). */
final class ConfigValidator {
    /** Registers in the Modbus block: the adapter's own size (the aggregate ranks above the adapters). */
    static final int MODBUS_BLOCK = RegisterMap.SIZE;
    private static final Set<String> PRINTER_SCHEMES = Set.of("tcp", "serial");
    private static final Set<String> SCANNER_SCHEMES = Set.of("tcp", "listen", "serial");
    private static final Set<String> SYMBOLS = Set.of("MICROCODE", "QR");
    private static final Set<Integer> DPIS = Set.of(203, 300, 600);

    private ConfigValidator() {
    }

    /** A check that stops at its section's first problem; the other sections are still checked. */
    private interface Check {
        void run();
    }

    /** Throws one {@link ConfigException} listing every problem (one per line), or returns when there is none. */
    static void validate(EdgeConfig c) {
        List<String> problems = problems(c);
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
    }

    /**
     * Every problem of the file, each naming its field: a technician fixes them in one go instead of one run per
     * typo. Within a section checking stops at the first problem (later checks assume the earlier ones passed).
     */
    static List<String> problems(EdgeConfig c) {
        List<String> problems = new java.util.ArrayList<>();
        problems.addAll(c.vault() == null ? List.of("vault.path: required (the SQLite vault file)")
                : c.vault().problems());
        if (c.upstream() != null) {
            problems.addAll(c.upstream().problems());
        }
        problems.addAll(c.status().validate());
        if (c.opcua() != null) {
            problems.addAll(c.opcua().problems());
        }
        problems.addAll(c.export().problems());
        Set<Long> apps = new HashSet<>();
        List<EdgeConfig.ApplicationSection> applications = c.applications() == null ? List.of() : c.applications();
        for (int i = 0; i < applications.size(); i++) {
            EdgeConfig.ApplicationSection a = applications.get(i);
            String at = "applications[" + i + "]";
            collect(problems, () -> {
                if (a.id() == null || a.id() <= 0) {
                    throw ConfigException.at(at + ".id", "required (the WeChat application_id)");
                }
                if (!apps.add(a.id())) {
                    throw ConfigException.at(at + ".id", "application " + a.id() + " is listed twice");
                }
                if (a.keyFile() != null && a.keyEnv() != null) {
                    throw ConfigException.at(at, "give key_file or key_env, not both");
                }
            });
        }
        if (c.lines() != null) {
            Set<String> lineIds = new HashSet<>();
            Set<Integer> plcPorts = new HashSet<>();
            for (int i = 0; i < c.lines().size(); i++) {
                int index = i;
                collect(problems, () -> validateLine(c.lines().get(index), "lines[" + index + "]", apps, lineIds,
                        plcPorts));
            }
        }
        problems.addAll(ListenPorts.clashes(ListenPorts.of(c)));
        return problems;
    }

    /** A section's first problem stops its line's checks, as the checks written here do. */
    private static void first(List<String> sectionProblems) {
        if (!sectionProblems.isEmpty()) {
            throw new ConfigException(sectionProblems.get(0));
        }
    }

    private static void collect(List<String> problems, Check check) {
        try {
            check.run();
        } catch (ConfigException e) {
            problems.add(e.getMessage());
        }
    }

    private static void validateLine(LineConfig l, String at, Set<Long> apps, Set<String> ids, Set<Integer> ports) {
        if (blank(l.id()) || !l.id().matches("[A-Za-z0-9_-]{1,32}")) {
            throw ConfigException.at(at + ".id", "required: 1-32 letters, digits, '-' or '_'");
        }
        if (!ids.add(l.id())) {
            throw ConfigException.at(at + ".id", "line '" + l.id() + "' is defined twice");
        }
        if (l.application() == null) {
            throw ConfigException.at(at + ".application", "required (which application's codes this line prints)");
        }
        if (!apps.contains(l.application())) {
            throw ConfigException.at(at + ".application", "application " + l.application() + " is not listed under applications");
        }
        if (l.printer() == null) {
            throw ConfigException.at(at + ".printer", "required");
        }
        uri(l.printer().uri(), at + ".printer.uri", PRINTER_SCHEMES);
        first(l.printer().problems(at + ".printer"));
        if (l.scanner() == null) {
            throw ConfigException.at(at + ".scanner", "required");
        }
        uri(l.scanner().uri(), at + ".scanner.uri", SCANNER_SCHEMES);
        if (l.plc() == null || l.plc().port() == null) {
            throw ConfigException.at(at + ".plc.port", "required (the TCP port the PLC connects to)");
        }
        if (l.plc().port() < 0 || l.plc().port() > 65535) {
            throw ConfigException.at(at + ".plc.port", "must be between 0 and 65535");
        }
        if (l.plc().port() != 0 && !ports.add(l.plc().port())) {
            throw ConfigException.at(at + ".plc.port", "port " + l.plc().port() + " is used by another line");
        }
        validateLabel(l.label(), l.printer(), at + ".label");
        validateStoredImages(l.printer(), l.label(), at + ".printer.stored_images");
        first(l.plc().problems(at + ".plc"));
        validateScannerGuard(l.scanner(), at + ".scanner");
        first(l.verify().problems(at + ".verify"));
        if (l.modbus() != null) {
            validateModbus(l.modbus(), at + ".modbus", ports);
        }
        if (l.packing() != null) {
            validatePacking(l, at + ".packing", apps);
        }
        if (l.jobDefaults() != null && l.jobDefaults().wxaType() != null
                && (l.jobDefaults().wxaType() < 0 || l.jobDefaults().wxaType() > 2)) {
            throw ConfigException.at(at + ".job_defaults.wxa_type", "must be 0 (release), 1 (develop) or 2 (trial)");
        }
    }

    /** Downloaded graphics are ESC/POS's, and only a template has a fixed part to keep. */
    private static void validateStoredImages(LineConfig.Printer printer, LineConfig.Label label, String at) {
        if (printer.storedImages() == null) {
            return;
        }
        if (printer.language() != PrinterLanguage.ESCPOS) {
            throw ConfigException.at(at, "applies to ESC/POS printers only; a " + printer.language().name()
                    + " printer keeps the fixed part with label.stored_format");
        }
        if (printer.storedImagesOrDefault() && (label == null || label.template() == null)) {
            throw ConfigException.at(at, "needs a label template (label.template): without one every label is"
                    + " a single symbol and nothing stays the same to keep in the printer");
        }
    }

    private static void validateLabel(LineConfig.Label label, LineConfig.Printer printer, String at) {
        if (label != null) {
            positive(label.widthMm(), at + ".width_mm");
            positive(label.heightMm(), at + ".height_mm");
            positive(label.sizeMm(), at + ".size_mm");
            if (label.dpi() != null && !DPIS.contains(label.dpi())) {
                throw ConfigException.at(at + ".dpi", label.dpi() + " is not one of 203, 300, 600");
            }
            if (label.symbol() != null) {
                oneOf(label.symbol(), at + ".symbol", SYMBOLS, true);
            }
            LabelTemplateRules.check(label, printer, at);
        }
    }

    /** Aggregation: packing mode, case size, where case codes come from, the case printer and case scanner. */
    private static void validatePacking(LineConfig l, String at, Set<Long> apps) {
        LineConfig.Packing p = l.packing();
        if (blank(p.mode())) {
            throw ConfigException.at(at + ".mode", "required: count (the line closes a case after per_case verified"
                    + " items) or scan (a camera reads the whole case)");
        }
        oneOf(p.mode(), at + ".mode", Set.of("COUNT", "SCAN"), true);
        if (p.perCase() == null) {
            throw ConfigException.at(at + ".per_case", "required: how many items go into one case");
        }
        if (p.perCase() < 1 || p.perCase() > 1000) {
            throw ConfigException.at(at + ".per_case", "must be 1 to 1000 items");
        }
        if (p.perPallet() != null && (p.perPallet() < 1 || p.perPallet() > 1000)) {
            throw ConfigException.at(at + ".per_pallet", "must be 1 to 1000 cases");
        }
        LineConfig.CaseCodes codes = p.caseCodes();
        if (codes == null || blank(codes.source())) {
            throw ConfigException.at(at + ".case_codes.source", "required: wechat (codes of a case application) or"
                    + " sscc (GS1 SSCC-18 from the brand's company prefix)");
        }
        oneOf(codes.source(), at + ".case_codes.source", Set.of("wechat", "sscc"), false);
        if (codes.wechat()) {
            if (codes.application() == null) {
                throw ConfigException.at(at + ".case_codes.application", "required for wechat case codes (the"
                        + " application whose codes go on case labels)");
            }
            if (!apps.contains(codes.application())) {
                throw ConfigException.at(at + ".case_codes.application", "application " + codes.application()
                        + " is not listed under applications");
            }
            if (codes.application().equals(l.application())) {
                throw ConfigException.at(at + ".case_codes.application", "is the line's item application "
                        + l.application() + "; case labels need codes of their own application");
            }
            if ((codes.companyPrefix() != null || codes.extension() != null) && p.perPallet() == null) {
                throw ConfigException.at(at + ".case_codes", "company_prefix and extension are for sscc case codes"
                        + " (and for the pallets' SSCCs with per_pallet)");
            }
            if (p.perPallet() != null) {
                ssccPrefix(codes, at, "required with per_pallet: pallets get SSCC-18 codes built from the brand's"
                        + " GS1 company prefix, 7 to 10 digits");
            }
        } else {
            ssccPrefix(codes, at, "required for sscc case codes: the brand's GS1 company prefix, 7 to 10 digits");
            if (codes.application() != null) {
                throw ConfigException.at(at + ".case_codes.application", "is for wechat case codes; sscc codes are"
                        + " built from company_prefix");
            }
        }
        if (p.casePrinter() == null) {
            throw ConfigException.at(at + ".case_printer", "required: the printer of the case labels");
        }
        uri(p.casePrinter().uri(), at + ".case_printer.uri", PRINTER_SCHEMES);
        first(p.casePrinter().problems(at + ".case_printer"));
        validateLabel(p.caseLabel(), p.casePrinter(), at + ".case_label");
        validateStoredImages(p.casePrinter(), p.caseLabel(), at + ".case_printer.stored_images");
        if (p.casePrinter().uri().equals(l.printer().uri())) {
            throw ConfigException.at(at + ".case_printer.uri", "is the item printer's " + l.printer().uri()
                    + "; case labels go to a printer of their own");
        }
        if (p.caseScanner() == null) {
            throw ConfigException.at(at + ".case_scanner", "required: the reader of the case labels (count) or the"
                    + " camera above the case (scan)");
        }
        uri(p.caseScanner().uri(), at + ".case_scanner.uri", SCANNER_SCHEMES);
        if (p.caseScanner().uri().equals(l.scanner().uri())) {
            throw ConfigException.at(at + ".case_scanner.uri", "is the item scanner's " + l.scanner().uri()
                    + "; the case reader is a device of its own");
        }
        validateScannerGuard(p.caseScanner(), at + ".case_scanner");
        if (p.caseScanner().maxFrame() != null && (p.caseScanner().maxFrame() < 16
                || p.caseScanner().maxFrame() > 16384)) {
            throw ConfigException.at(at + ".case_scanner.max_frame", "must be 16 to 16384 bytes");
        }
        atLeast(p.caseWindow(), Duration.ofMillis(100), at + ".case_window");
        LineConfig.Printer pp = p.palletPrinter();
        if (pp != null) {
            if (p.perPallet() == null) {
                throw ConfigException.at(at + ".pallet_printer", "is for a line that builds pallets (per_pallet)");
            }
            uri(pp.uri(), at + ".pallet_printer.uri", PRINTER_SCHEMES);
            first(pp.problems(at + ".pallet_printer"));
            if (pp.uri().equals(l.printer().uri()) || pp.uri().equals(p.casePrinter().uri())) {
                throw ConfigException.at(at + ".pallet_printer.uri", "is the item or case printer's " + pp.uri()
                        + "; leave pallet_printer out to print pallet labels on the case printer");
            }
        }
        validatePalletScanner(l, p, at);
    }

    /** The optional pallet reader (docs/aggregation.md "Pallets"): a device of its own, for a line with pallets. */
    private static void validatePalletScanner(LineConfig l, LineConfig.Packing p, String at) {
        LineConfig.Scanner ps = p.palletScanner();
        if (ps == null) {
            if (p.palletWindow() != null) {
                throw ConfigException.at(at + ".pallet_window", "is for a line with a pallet_scanner (how long a"
                        + " labelled pallet waits for the reader's frame)");
            }
            return;
        }
        if (p.perPallet() == null) {
            throw ConfigException.at(at + ".pallet_scanner", "is for a line that builds pallets (per_pallet)");
        }
        uri(ps.uri(), at + ".pallet_scanner.uri", SCANNER_SCHEMES);
        if (ps.uri().equals(l.scanner().uri()) || ps.uri().equals(p.caseScanner().uri())) {
            throw ConfigException.at(at + ".pallet_scanner.uri", "is the item or case reader's " + ps.uri()
                    + "; the pallet reader is a device of its own");
        }
        validateScannerGuard(ps, at + ".pallet_scanner");
        if (ps.maxFrame() != null && (ps.maxFrame() < 16 || ps.maxFrame() > 32768)) {
            throw ConfigException.at(at + ".pallet_scanner.max_frame", "must be 16 to 32768 bytes");
        }
        atLeast(p.palletWindow(), Duration.ofSeconds(1), at + ".pallet_window");
    }

    /** The SSCC company prefix and extension digit of case or pallet codes. */
    private static void ssccPrefix(LineConfig.CaseCodes codes, String at, String missing) {
        if (codes.companyPrefix() == null || !codes.companyPrefix().matches("[0-9]{7,10}")) {
            throw ConfigException.at(at + ".case_codes.company_prefix", missing + (codes.companyPrefix() == null
                    ? "" : " (got '" + codes.companyPrefix() + "')"));
        }
        if (codes.extension() != null && (codes.extension() < 0 || codes.extension() > 9)) {
            throw ConfigException.at(at + ".case_codes.extension", "must be one digit, 0 to 9");
        }
    }

    /** A listening scanner's fence: allow-list entries and the connection cap, only where the reader connects. */
    private static void validateScannerGuard(LineConfig.Scanner scanner, String at) {
        boolean listening = scanner.uri() != null && scanner.uri().regionMatches(true, 0, "listen:", 0, 7);
        if (!listening && (scanner.allow() != null || scanner.maxConnections() != null)) {
            throw ConfigException.at(at + (scanner.allow() != null ? ".allow" : ".max_connections"),
                    "only for a listen:// scanner (the reader connects to the edge); this one is " + scanner.uri());
        }
        List<String> allow = scanner.allowOrDefault();
        for (int i = 0; i < allow.size(); i++) {
            String problem = AddressAllowList.problem(allow.get(i));
            if (problem != null) {
                throw ConfigException.at(at + ".allow[" + i + "]", problem);
            }
        }
        if (scanner.maxConnections() != null && (scanner.maxConnections() < 1 || scanner.maxConnections() > 16)) {
            throw ConfigException.at(at + ".max_connections", "must be between 1 and 16");
        }
    }

    /** The Modbus section (docs/modbus.md): a server port clashes with PLC ports like another line's would. */
    private static void validateModbus(LineConfig.Modbus m, String at, Set<Integer> ports) {
        if (m.mode() == null) {
            throw ConfigException.at(at + ".mode", "required: server (the PLC connects to the edge) or client (the"
                    + " edge polls the PLC)");
        }
        if (m.unitId() != null && (m.unitId() < 0 || m.unitId() > 255)) {
            throw ConfigException.at(at + ".unit_id", "must be between 0 and 255");
        }
        if (m.client()) {
            if (blank(m.host())) {
                throw ConfigException.at(at + ".host", "required in client mode (the PLC's address)");
            }
            if (m.bind() != null) {
                throw ConfigException.at(at + ".bind", "is for server mode; in client mode give host");
            }
            if (m.port() != null && (m.port() < 1 || m.port() > 65535)) {
                throw ConfigException.at(at + ".port", "must be between 1 and 65535 (the PLC's Modbus port, usually 502)");
            }
            int highest = 65535 - MODBUS_BLOCK + 1;
            if (m.base() != null && (m.base() < 0 || m.base() > highest)) {
                throw ConfigException.at(at + ".base", "must be between 0 and " + highest + " (the block is "
                        + MODBUS_BLOCK + " registers)");
            }
            atLeast(m.poll(), Duration.ofMillis(5), at + ".poll");
            if (m.poll() != null && m.poll().compareTo(Duration.ofSeconds(10)) > 0) {
                throw ConfigException.at(at + ".poll", DurationText.format(m.poll()) + " is too long (at most 10s)");
            }
        } else {
            if (m.host() != null || m.poll() != null || m.base() != null || m.unitId() != null) {
                throw ConfigException.at(at, "host, unit_id, poll and base are for client mode; in server mode give"
                        + " bind and port (the edge answers any unit id)");
            }
            if (m.port() != null && (m.port() < 0 || m.port() > 65535)) {
                throw ConfigException.at(at + ".port", "must be between 0 and 65535");
            }
            if (m.bind() != null && m.bind().isBlank()) {
                throw ConfigException.at(at + ".bind", "must be an address or interface name, e.g. 127.0.0.1");
            }
            int port = m.port();
            if (port != 0 && !ports.add(port)) {
                throw ConfigException.at(at + ".port", "port " + port + " is used by another PLC port");
            }
        }
        atLeast(m.heartbeat(), Duration.ofMillis(100), at + ".heartbeat");
        atLeast(m.timeout(), Duration.ofSeconds(1), at + ".timeout");
    }

    private static void uri(String value, String at, Set<String> schemes) {
        if (blank(value)) {
            throw ConfigException.at(at, "required, e.g. " + (schemes.contains("listen")
                    ? "tcp://10.0.0.5:9004" : "tcp://10.0.0.5:9100") + " or serial:/dev/ttyUSB0?baud=115200");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw ConfigException.at(at, "'" + value + "' is not a URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw ConfigException.at(at, "unsupported scheme '" + scheme + "' (use " + String.join(", ", sorted(schemes)) + ")");
        }
        if (!scheme.equals("serial") && (uri.getHost() == null || uri.getPort() < 0)) {
            throw ConfigException.at(at, "'" + value + "' needs a host and a port");
        }
        if (scheme.equals("serial") && (uri.getSchemeSpecificPart() == null || uri.getSchemeSpecificPart().isBlank())) {
            throw ConfigException.at(at, "'" + value + "' needs a device path");
        }
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    private static void oneOf(String value, String at, Set<String> allowed, boolean upper) {
        String v = upper ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw ConfigException.at(at, "'" + value + "' is not one of " + String.join(", ", sorted(allowed)));
        }
    }

    /** Zero or a few milliseconds here is a typo (a unit forgotten), never a setting a line can run with. */
    private static void atLeast(Duration d, Duration min, String at) {
        if (d != null && d.compareTo(min) < 0) {
            throw ConfigException.at(at, DurationText.format(d) + " is too short (at least " + DurationText.format(min)
                    + ")");
        }
    }

    private static void positive(Double v, String at) {
        if (v != null && !(v > 0)) {
            throw ConfigException.at(at, "must be greater than 0");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
