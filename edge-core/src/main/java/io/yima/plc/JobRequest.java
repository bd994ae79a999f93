package io.yima.plc;

import io.yima.config.LineConfig.LineMode;
import io.yima.drivers.render.Symbology;
import io.yima.line.JobOrder;
import io.yima.vault.ActivationFields;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** START's fields (positional job fields and {@code key=value} options) decoded into a typed {@link JobOrder}. */
final class JobRequest {
    static final Set<String> OPTION_KEYS = Set.of("symbol", "mode", "application", "activity", "brand", "title", "ean",
            "wxa_appid", "wxa_path", "wxa_type", "date");
    /** Options a version-1 PLC never sends: its session refuses them, naming the version that brings them. */
    static final Set<String> VERSION_2_KEYS = Set.of("date");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private JobRequest() {
    }

    /** Parses START's arguments as the newest protocol version has them. */
    static JobOrder parse(List<String> args) {
        return parse(args, 2);
    }

    /**
     * Parses START's arguments in a session of protocol {@code version}; a bad field is a {@link PlcNak} naming
     * it.
     */
    static JobOrder parse(List<String> args, int version) {
        if (args.size() < 4) {
            throw new PlcNak("BAD_FRAME", "START needs job,sku,batch,qty");
        }
        String job = text(args.get(0), "job");
        if (!job.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new PlcNak("BAD_FIELD", "job");
        }
        String sku = text(args.get(1), "sku");
        String batch = text(args.get(2), "batch");
        int qty;
        try {
            qty = Integer.parseInt(args.get(3));
        } catch (NumberFormatException e) {
            throw new PlcNak("BAD_FIELD", "qty");
        }
        if (qty < 1 || qty > 10_000_000) {
            throw new PlcNak("BAD_FIELD", "qty");
        }
        Map<String, String> o = new HashMap<>();
        for (String kv : args.subList(4, args.size())) {
            int eq = kv.indexOf('=');
            String key = eq < 0 ? kv : kv.substring(0, eq);
            if (eq < 0) {
                throw new PlcNak("BAD_FIELD", key + " is not key=value");
            }
            if (!OPTION_KEYS.contains(key)) {
                throw new PlcNak("BAD_FIELD", key + " is not a START field");
            }
            if (version < 2 && VERSION_2_KEYS.contains(key)) {
                throw new PlcNak("BAD_FIELD", key + " needs protocol version 2 (say 2 in HELLO)");
            }
            o.put(key, text(kv.substring(eq + 1), key));
        }
        Symbology symbol = null;
        if (o.containsKey("symbol")) {
            symbol = switch (o.get("symbol").toUpperCase(Locale.ROOT)) {
                case "QR" -> Symbology.QR;
                case "MICROCODE" -> Symbology.MICROCODE;
                default -> throw new PlcNak("BAD_FIELD", "symbol");
            };
        }
        LineMode mode = null;
        if (o.containsKey("mode")) {
            try {
                mode = LineMode.valueOf(o.get("mode").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new PlcNak("BAD_FIELD", "mode");
            }
        }
        Long application = null;
        if (o.containsKey("application")) {
            try {
                application = Long.parseLong(o.get("application"));
            } catch (NumberFormatException e) {
                throw new PlcNak("BAD_FIELD", "application");
            }
        }
        Integer wxaType = null;
        if (o.containsKey("wxa_type")) {
            wxaType = switch (o.get("wxa_type")) {
                case "0" -> 0;
                case "1" -> 1;
                case "2" -> 2;
                default -> throw new PlcNak("BAD_FIELD", "wxa_type");
            };
        }
        ActivationFields activation = new ActivationFields(o.get("activity"), o.get("brand"), o.get("title"),
                o.get("ean"), o.get("wxa_appid"), o.get("wxa_path"), wxaType);
        LocalDate date = null;
        if (o.containsKey("date")) {
            date = day(o.get("date"));
        }
        return new JobOrder(job, sku, batch, qty, symbol, mode, application, activation, date);
    }

    /** A production date as YYYY-MM-DD (the ISO form, so no PLC's locale decides the order of day and month). */
    private static LocalDate day(String v) {
        if (!DAY.matcher(v).matches()) {
            throw new PlcNak("BAD_FIELD", "date must be YYYY-MM-DD, e.g. 2026-12-06");
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new PlcNak("BAD_FIELD", "date " + v + " is no day of the calendar");
        }
    }

    private static String text(String field, String name) {
        String v = PlcMessage.decode(field);
        if (v == null || v.isBlank() || v.length() > 128) {
            throw new PlcNak("BAD_FIELD", name);
        }
        // A decoded CR, LF, ESC or NUL would end up in the vault, on the status page and in log lines.
        if (v.chars().anyMatch(Character::isISOControl)) {
            throw new PlcNak("BAD_FIELD", name + " holds a control character");
        }
        return v;
    }
}
