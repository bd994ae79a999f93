package io.yima.line;

import io.yima.config.LineConfig;
import io.yima.vault.ActivationFields;
import io.yima.vault.JobSpec;
import java.util.Locale;

/** Builds a job from a job order and the line's job defaults; the order's fields win. */
final class JobSpecs {
    private JobSpecs() {
    }

    static JobSpec from(JobOrder o, LineConfig line) {
        JobText.check("sku", o.sku());
        JobText.check("batch", o.batch());
        LineConfig.JobDefaults d = line.jobDefaultsOrDefault();
        String labelSymbol = line.label() == null ? null : line.label().symbol();
        String symbol = o.symbol() != null ? o.symbol().name()
                : first(d.symbol(), labelSymbol, "QR").toUpperCase(Locale.ROOT);
        if (!symbol.equals("QR") && !symbol.equals("MICROCODE")) {
            throw new LineRefusal(Refusal.BAD_FIELD, "symbol");
        }
        String mode = o.mode() != null ? o.mode().name() : line.modeOrDefault().name();
        long application = o.application() != null ? o.application() : line.application();
        ActivationFields a = o.activation() == null
                ? new ActivationFields(null, null, null, null, null, null, null) : o.activation();
        ActivationFields activation = new ActivationFields(
                first(a.activityName(), d.activity(), null),
                first(a.productBrand(), d.brand(), null),
                first(a.productTitle(), d.title(), null),
                first(a.productCode(), d.ean(), null),
                first(a.wxaAppid(), d.wxaAppid(), null),
                first(a.wxaPath(), d.wxaPath(), null),
                a.wxaType() != null ? a.wxaType() : d.wxaType());
        if (activation.equals(new ActivationFields(null, null, null, null, null, null, null))) {
            activation = null; // as the vault reads a job without activation fields back
        }
        return new JobSpec(o.jobId(), line.id(), application, o.sku(), o.batch(), o.quantity(), symbol, mode,
                activation);
    }

    private static String first(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }
}
