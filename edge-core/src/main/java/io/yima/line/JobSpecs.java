package io.yima.line;

import io.yima.config.LineConfig;
import io.yima.plc.JobRequest;
import io.yima.plc.PlcNak;
import io.yima.vault.ActivationFields;
import io.yima.vault.JobSpec;
import java.util.Locale;
import java.util.Map;

/** Builds a job from a PLC START and the line's job defaults; START's options win. */
final class JobSpecs {
    private JobSpecs() {
    }

    static JobSpec from(JobRequest r, LineConfig line) {
        Map<String, String> o = r.options();
        LineConfig.JobDefaults d = line.jobDefaultsOrDefault();
        String labelSymbol = line.label() == null ? null : line.label().symbol();
        String symbol = first(o.get("symbol"), d.symbol(), labelSymbol, "QR").toUpperCase(Locale.ROOT);
        if (!symbol.equals("QR") && !symbol.equals("MICROCODE")) {
            throw new PlcNak("BAD_FIELD", "symbol");
        }
        String mode = first(o.get("mode"), line.modeOrDefault().name(), null, null).toUpperCase(Locale.ROOT);
        try {
            LineConfig.LineMode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw new PlcNak("BAD_FIELD", "mode");
        }
        long application = line.application();
        if (o.containsKey("application")) {
            try {
                application = Long.parseLong(o.get("application"));
            } catch (NumberFormatException e) {
                throw new PlcNak("BAD_FIELD", "application");
            }
        }
        Integer wxaType = d.wxaType();
        if (o.containsKey("wxa_type")) {
            wxaType = switch (o.get("wxa_type")) {
                case "0" -> 0;
                case "1" -> 1;
                case "2" -> 2;
                default -> throw new PlcNak("BAD_FIELD", "wxa_type");
            };
        }
        ActivationFields activation = new ActivationFields(
                first(o.get("activity"), d.activity(), null, null),
                first(o.get("brand"), d.brand(), null, null),
                first(o.get("title"), d.title(), null, null),
                first(o.get("ean"), d.ean(), null, null),
                first(o.get("wxa_appid"), d.wxaAppid(), null, null),
                first(o.get("wxa_path"), d.wxaPath(), null, null),
                wxaType);
        if (activation.equals(new ActivationFields(null, null, null, null, null, null, null))) {
            activation = null; // as the vault reads a job without activation fields back
        }
        return new JobSpec(r.jobId(), line.id(), application, r.sku(), r.batch(), r.quantity(), symbol, mode, activation);
    }

    private static String first(String a, String b, String c, String d) {
        return a != null ? a : b != null ? b : c != null ? c : d;
    }
}
