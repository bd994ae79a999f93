package io.yima.sim.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void passAndFailLinesCarryTheAccountAndTheFaultTallyInWords() {
        assertThat(Verdict.line(0, 3000, 3000, 2970, 30, 0, Map.of("NO_READ", 28L, "MISMATCH", 2L, "DUPLICATE", 0L)))
                .isEqualTo("PASS  3,000 items: printed 3,000 = bound 2,970 + rejected 30 + voided 0;"
                        + " faults: mismatch 2, no read 28");
        assertThat(Verdict.line(2, 10, 10, 9, 0, 1, Map.of()))
                .isEqualTo("FAIL  10 items: printed 10 = bound 9 + rejected 0 + voided 1; faults: none;"
                        + " 2 problems (see above)");
    }

    @Test
    void theProgressBarFitsEightyColumnsAndCountsUp() {
        String half = ProgressBar.render(1500, 3000, "bound 1,480  rejected 20");
        assertThat(half).startsWith("   [############------------]   1,500 / 3,000   50 %  bound 1,480  rejected 20");
        assertThat(half.length()).isLessThanOrEqualTo(80);
        assertThat(ProgressBar.render(3000, 3000, "")).contains("[########################]").contains("100 %");
        assertThat(ProgressBar.render(0, 0, "x".repeat(200)).length()).isEqualTo(80);
    }
}
