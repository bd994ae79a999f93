package io.yima.line;

import io.yima.config.LineConfig;
import io.yima.vault.ActivationFields;
import io.yima.vault.JobSpec;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Builds a job from a job order and the line's job defaults; the order's fields win. */
final class JobSpecs {
    /** How far a job's production date may be from today, either way. */
    static final int MAX_DATE_DAYS = 366;

    private JobSpecs() {
    }

    static JobSpec from(JobOrder o, LineConfig line) {
        JobText.check("sku", o.sku());
        JobText.check("batch", o.batch());
        LineConfig.JobDefaults d = line.jobDefaults();
        String labelSymbol = line.label() == null ? null : line.label().symbol();
        String symbol = o.symbol() != null ? o.symbol().name()
                : first(d.symbol(), labelSymbol, "QR").toUpperCase(Locale.ROOT);
        if (!symbol.equals("QR") && !symbol.equals("MICROCODE")) {
            throw new LineRefusal(Refusal.BAD_FIELD, "symbol");
        }
        String mode = o.mode() != null ? o.mode().name() : line.mode().name();
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
                activation, productionDate(o.productionDate(), line));
    }

    /**
     * A production date within {@link #MAX_DATE_DAYS} days of today in the line's zone: a label dated years away is
     * a PLC's mistyped or uninitialised date word, not a production date.
     */
    static LocalDate productionDate(LocalDate date, LineConfig line) {
        if (date == null) {
            return null;
        }
        String zone = line.label() == null ? null : line.label().timeZone();
        LocalDate today = LocalDate.now(zone == null ? ZoneId.systemDefault() : ZoneId.of(zone));
        if (Math.abs(ChronoUnit.DAYS.between(today, date)) > MAX_DATE_DAYS) {
            // "date out of range" first: Modbus shows the first 32 bytes of a refusal
            throw new LineRefusal(Refusal.BAD_FIELD, "date out of range (at most " + MAX_DATE_DAYS
                    + " days from today, " + today + "): " + date);
        }
        return date;
    }

    private static String first(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }
}
