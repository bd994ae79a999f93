package io.yima.plc;

import io.yima.config.LineConfig.LineMode;
import io.yima.drivers.render.Symbology;
import io.yima.line.JobOrder;
import io.yima.vault.ActivationFields;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** START's fields (positional job fields and {@code key=value} options) decoded into a typed {@link JobOrder}. */
final class JobRequest {
    static final Set<String> OPTION_KEYS = Set.of("symbol", "mode", "application", "activity", "brand", "title", "ean",
            "wxa_appid", "wxa_path", "wxa_type");

    private JobRequest() {
    }

    /** Parses START's arguments; a bad field is a {@link PlcNak} naming it. */
    static JobOrder parse(List<String> args) {
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
            if (eq < 0 || !OPTION_KEYS.contains(key)) {
                throw new PlcNak("BAD_FIELD", key);
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
        return new JobOrder(job, sku, batch, qty, symbol, mode, application, activation);
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
