package io.yima.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which indexes of a run the import asks WeChat about. */
class ActivationSampleTest {
    @Test
    void aLongRunIsAskedAtBothEndsAndAtEvenlySpacedIndexesBetween() {
        List<Long> asked = ActivationSample.indexes(0, 9_999, 16);
        assertThat(asked).hasSize(18).startsWith(0L).endsWith(9_999L).isSorted().doesNotHaveDuplicates();
        for (int i = 1; i < asked.size(); i++) {
            long gap = asked.get(i) - asked.get(i - 1);
            assertThat(gap).as("spacing between %s and %s", asked.get(i - 1), asked.get(i)).isBetween(587L, 589L);
        }
    }

    @Test
    void aShortRunIsAskedAboutEachIndexOnceAndNoMore() {
        assertThat(ActivationSample.indexes(100, 104, 16)).containsExactly(100L, 101L, 102L, 103L, 104L);
        assertThat(ActivationSample.indexes(7, 7, 16)).containsExactly(7L);
        assertThat(ActivationSample.indexes(7, 8, 16)).containsExactly(7L, 8L);
        assertThat(ActivationSample.indexes(0, 9_999, 0)).containsExactly(0L, 9_999L);
    }

    @Test
    void theSampleSizeIsBounded() {
        assertThatThrownBy(() -> new ActivationSample(null, ActivationSample.MAX_SAMPLES + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ActivationSample(null, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
