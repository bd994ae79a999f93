package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.config.LineConfig;
import io.yima.config.LineConfig.LineMode;
import io.yima.drivers.render.Symbology;
import io.yima.vault.ActivationFields;
import io.yima.vault.JobSpec;
import org.junit.jupiter.api.Test;

/** A job built from a PLC's order and the line's job defaults: the order's fields win, the defaults fill gaps. */
class JobSpecsTest {
    private static final LineConfig.JobDefaults DEFAULTS = new LineConfig.JobDefaults("microcode", "spring", "Yima",
            "Tea", "6901234567892", "wxabc", "pages/index", 2);

    private static LineConfig line(LineConfig.JobDefaults defaults, String labelSymbol) {
        LineConfig.Label label = labelSymbol == null ? null
                : new LineConfig.Label(null, null, null, labelSymbol, null, null, null, null, null, null);
        return new LineConfig("line-1", 77L, LineMode.STREAM, new LineConfig.Printer(null, null, null, null, null, null),
                label, null, null, null, null, defaults, null);
    }

    private static JobOrder order(Symbology symbol, LineMode mode, Long application, ActivationFields activation) {
        return new JobOrder("J1", "SKU-1", "B7", 10, symbol, mode, application, activation);
    }

    @Test
    void theLinesDefaultsFillWhatTheOrderLeavesOut() {
        JobSpec spec = JobSpecs.from(order(null, null, null, null), line(DEFAULTS, "QR"));
        assertThat(spec).isEqualTo(new JobSpec("J1", "line-1", 77L, "SKU-1", "B7", 10, "MICROCODE", "STREAM",
                new ActivationFields("spring", "Yima", "Tea", "6901234567892", "wxabc", "pages/index", 2)));
    }

    @Test
    void theOrdersOwnFieldsWin() {
        ActivationFields own = new ActivationFields("autumn", "Other", "Rice", "123", "wxdef", "pages/x", 0);
        JobSpec spec = JobSpecs.from(order(Symbology.QR, LineMode.TRIGGERED, 88L, own), line(DEFAULTS, "MICROCODE"));
        assertThat(spec).isEqualTo(new JobSpec("J1", "line-1", 88L, "SKU-1", "B7", 10, "QR", "TRIGGERED", own));
    }

    @Test
    void anOrderWithSomeActivationFieldsGetsTheRestFromTheDefaults() {
        ActivationFields some = new ActivationFields(null, "Other", null, null, null, "pages/x", null);
        JobSpec spec = JobSpecs.from(order(null, null, null, some), line(DEFAULTS, null));
        assertThat(spec.activation()).isEqualTo(
                new ActivationFields("spring", "Other", "Tea", "6901234567892", "wxabc", "pages/x", 2));
    }

    @Test
    void withoutADefaultSymbolTheLabelsSymbolThenQrIsUsed() {
        assertThat(JobSpecs.from(order(null, null, null, null), line(null, "microcode")).symbol()).isEqualTo("MICROCODE");
        assertThat(JobSpecs.from(order(null, null, null, null), line(null, null)).symbol()).isEqualTo("QR");
    }

    @Test
    void noActivationFieldsAnywhereIsNoActivation() {
        assertThat(JobSpecs.from(order(null, null, null, null), line(null, null)).activation()).isNull();
        assertThat(JobSpecs.from(order(null, null, null, new ActivationFields(null, null, null, null, null, null, 0)),
                line(null, null)).activation()).isEqualTo(new ActivationFields(null, null, null, null, null, null, 0));
    }

    @Test
    void aDefaultSymbolThatIsNoneOfTheTwoIsRefusedAsABadField() {
        LineConfig.JobDefaults bad = new LineConfig.JobDefaults("datamatrix", null, null, null, null, null, null, null);
        assertThatThrownBy(() -> JobSpecs.from(order(null, null, null, null), line(bad, null)))
                .isInstanceOfSatisfying(LineRefusal.class, e -> {
                    assertThat(e.reason()).isEqualTo(Refusal.BAD_FIELD);
                    assertThat(e.detail()).isEqualTo("symbol");
                });
    }
}
