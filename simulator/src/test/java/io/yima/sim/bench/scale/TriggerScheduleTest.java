package io.yima.sim.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TriggerScheduleTest {
    @Test
    void dueTimesFollowTheRateFromTheStartWithoutDrift() {
        TriggerSchedule s = new TriggerSchedule(1_000, 300);
        assertThat(s.dueNanos(0)).isEqualTo(1_000);
        assertThat(s.dueNanos(1)).isEqualTo(1_000 + 3_333_333);
        // 1/300 s is not a whole number of ns: summing rounded intervals would drift by 0.33 ns per trigger
        assertThat(s.dueNanos(300_000)).isEqualTo(1_000 + 1_000_000_000_000L);
    }

    @Test
    void aLateTriggerIsNotWaitedFor() throws InterruptedException {
        TriggerSchedule s = new TriggerSchedule(System.nanoTime() - 1_000_000_000L, 100);
        long t0 = System.nanoTime();
        s.awaitDue(50); // due half a second ago
        assertThat(System.nanoTime() - t0).isLessThan(50_000_000L);
    }

    @Test
    void rateMustBePositive() {
        assertThatThrownBy(() -> new TriggerSchedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
