package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A void's answer is never a bare "done (0)": codes left alone come with the reason. */
class VoidAnswerTest {

    private static Map<String, Long> states(long available, long bound, long voided) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("AVAILABLE", available);
        m.put("RESERVED", 0L);
        m.put("SENT", 0L);
        m.put("BOUND", bound);
        m.put("REJECTED", 0L);
        m.put("VOIDED", voided);
        return m;
    }

    @Test
    void voidingPrintedCodesSaysWhyNothingWasVoided() {
        VoidAnswer a = VoidAnswer.of(0, states(0, 12, 3));
        assertThat(a.voided()).isZero();
        assertThat(a.reason()).isEqualTo("nothing voided: 12 BOUND, 3 VOIDED - only AVAILABLE codes are voided;"
                + " printed or bound codes never are");
    }

    @Test
    void aRangeWithoutCodesSaysSo() {
        assertThat(VoidAnswer.of(0, states(0, 0, 0)).reason()).isEqualTo("the application has no codes in this range");
    }

    @Test
    void aWholeVoidHasNoReasonAndAPartialOneNamesWhatWasKept() {
        assertThat(VoidAnswer.of(10, states(10, 0, 0)).reason()).isNull();
        assertThat(VoidAnswer.of(10, states(10, 2, 0)).reason())
                .isEqualTo("2 BOUND - only AVAILABLE codes are voided; printed or bound codes never are");
    }
}
