package io.yima.vault;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecoveryReportTest {
    @Test
    void aCleanStartSaysSo() {
        assertThat(new RecoveryReport(0, 0).describe()).isEqualTo("clean start, nothing to recover");
    }

    @Test
    void anUncleanStopIsOneSentenceWithEveryCount() {
        assertThat(new RecoveryReport(12, 3).describe()).isEqualTo(
                "recovered after an unclean stop: 12 reserved codes released (never sent), "
                        + "3 sent codes without a verdict voided");
        assertThat(new RecoveryReport(0, 0, 1, 5000, 2, 7000).describe()).isEqualTo(
                "recovered after an unclean stop: 0 reserved codes released (never sent), 0 sent codes without "
                        + "a verdict voided, 1 unfinished import(s) discarded (5000 codes; import the package again), "
                        + "2 import(s) finished (7000 codes)")
                .doesNotContain("RecoveryReport[");
    }
}
