package io.yima.line.packing;

import io.yima.config.LineConfig;
import io.yima.drivers.render.Symbology;
import io.yima.printing.LabelPress;
import io.yima.printing.template.LabelValues;
import io.yima.printing.template.PrintableCode;
import io.yima.vault.JobSpec;
import java.time.LocalDate;

/**
 * Case labels: the line's label press driven for the case printer and the case label ({@code packing.case_label},
 * else the item label's layout) with the case code as a QR symbol. The QR carries the case code as the case
 * reader must send it back ({@link CaseCode#read()}).
 */
public final class CaseLabelPress {
    private final LabelPress press;
    private final String lineId;

    public CaseLabelPress(LineConfig line) {
        this(line, line.packing().casePrinter());
    }

    /** The case label's layout on {@code printer} (a pallet printer of its own). */
    public CaseLabelPress(LineConfig line, LineConfig.Printer printer) {
        LineConfig.Packing p = line.packing();
        LineConfig.Label label = p.caseLabel() != null ? p.caseLabel() : line.label();
        this.press = new LabelPress(new LineConfig(line.id(), line.application(), line.mode(), printer, label,
                p.caseScanner(), line.plc(), line.verify(), line.stream(), line.jobDefaults(), null, null));
        this.lineId = line.id();
    }

    byte[] press(CaseCode code, JobSpec job, long caseNumber) {
        return press(code, job, "case-", caseNumber);
    }

    /** A unit's label: {@code unit} names it in the label's item field ({@code case-3}, {@code pallet-1}). */
    byte[] press(CaseCode code, JobSpec job, String unit, long number) {
        PrintableCode printable = new PrintableCode(null, code.code(), code.read());
        LabelValues values = new LabelValues(code.code(), code.read(), job.sku(), job.batch(), null, null, lineId,
                job.jobId(), unit + number, number, LocalDate.now());
        return press.press(printable, Symbology.QR, values);
    }
}
