package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job's account as reports and the status page read it: reasons in name order, missing maps empty. */
class JobAccountTest {
    @Test
    void reasonsAreListedInNameOrderAndTheAccountKeepsItsOwnCopy() {
        Map<String, Long> rejected = new HashMap<>(Map.of("NO_READ", 3L, "DUPLICATE", 1L, "PRINTER_FAULT", 2L));
        Map<String, Long> voided = new HashMap<>(Map.of("SHORT_CLOSE", 4L, "PRINTER_FAULT", 1L));
        JobAccount a = new JobAccount("J1", 12, 2, 6, 5, 0, rejected, voided, 1, 0);
        rejected.put("WRONG_CODE", 9L);

        assertThat(a.rejectedSorted().keySet()).containsExactly("DUPLICATE", "NO_READ", "PRINTER_FAULT");
        assertThat(a.voidedSorted()).containsExactly(Map.entry("PRINTER_FAULT", 1L), Map.entry("SHORT_CLOSE", 4L));
        assertThat(a.rejectedByReason()).doesNotContainKey("WRONG_CODE");
    }

    @Test
    void anAccountWithoutReasonsHasEmptyMapsAndAnEmptyOneCountsNothing() {
        JobAccount a = new JobAccount("J1", 3, 3, 0, 0, 0, null, null, 0, 0);
        assertThat(a.rejectedByReason()).isEmpty();
        assertThat(a.voidedSorted()).isEmpty();

        assertThat(JobAccount.empty("J2")).isEqualTo(new JobAccount("J2", 0, 0, 0, 0, 0, Map.of(), Map.of(), 0, 0));
        assertThat(new JobAccount("J3", 5, 4, 1, 0).rejectedSorted()).isEmpty();
    }
}
