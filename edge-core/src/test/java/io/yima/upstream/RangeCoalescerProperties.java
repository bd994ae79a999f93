package io.yima.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The coalescer alone, on a model line: indexes reserved in blocks by jobs of two activation groups, verdicts
 * (bind or reject) arriving in random order, coalescing rounds at random moments, jobs closed at the end.
 */
class RangeCoalescerProperties {
    enum Slot { AVAILABLE, SENT, PENDING, QUEUED, REJECTED }

    @Property(tries = 300)
    void everyMaximalRunIsSentInTheMinimalNumberOfRanges(@ForAll long seed,
                                                         @ForAll @IntRange(min = 1, max = 400) int codes,
                                                         @ForAll @IntRange(min = 1, max = 40) int maxLength,
                                                         @ForAll @IntRange(min = 0, max = 40) int rejectPercent) {
        Random random = new Random(seed);
        int total = codes + 20;
        Slot[] slot = new Slot[total];
        int[] group = new int[total];
        java.util.Arrays.fill(slot, Slot.AVAILABLE);
        for (int i = 0; i < codes; ) {
            int block = 1 + random.nextInt(30);
            int g = random.nextInt(2);
            for (int k = 0; k < block && i < codes; k++, i++) {
                slot[i] = Slot.SENT;
                group[i] = g;
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < codes; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        RangeCoalescer coalescer = new RangeCoalescer(maxLength, Duration.ofDays(1));
        List<List<CodeRange>> sent = List.of(new ArrayList<>(), new ArrayList<>());
        boolean[] closed = {false};
        for (int idx : order) {
            slot[idx] = random.nextInt(100) < rejectPercent ? Slot.REJECTED : Slot.PENDING;
            if (random.nextInt(10) == 0) {
                round(coalescer, slot, group, closed[0], sent);
            }
        }
        closed[0] = true;
        round(coalescer, slot, group, true, sent);

        for (int g = 0; g < 2; g++) {
            boolean[] covered = new boolean[total];
            for (CodeRange r : sent.get(g)) {
                assertThat(r.length()).isLessThanOrEqualTo(maxLength);
                for (long i = r.codeStart(); i <= r.codeEnd(); i++) {
                    assertThat(covered[(int) i]).as("index %d in one range only", i).isFalse();
                    covered[(int) i] = true;
                    assertThat(group[(int) i]).isEqualTo(g);
                    assertThat(slot[(int) i]).isEqualTo(Slot.QUEUED);
                }
            }
            long minimal = 0;
            int run = 0;
            for (int i = 0; i <= total; i++) {
                boolean bound = i < total && group[i] == g && slot[i] == Slot.QUEUED;
                if (i < total && group[i] == g && slot[i] == Slot.PENDING) {
                    throw new AssertionError("index " + i + " still pending after close");
                }
                if (bound) {
                    run++;
                } else if (run > 0) {
                    minimal += (run + maxLength - 1) / maxLength;
                    run = 0;
                }
            }
            assertThat(sent.get(g)).hasSize((int) minimal);
        }
    }

    private static void round(RangeCoalescer coalescer, Slot[] slot, int[] group, boolean closed,
                              List<List<CodeRange>> sent) {
        for (int g = 0; g < 2; g++) {
            int gg = g;
            List<RangeCoalescer.Pending> pending = new ArrayList<>();
            for (int i = 0; i < slot.length; i++) {
                if (slot[i] == Slot.PENDING && group[i] == g) {
                    pending.add(new RangeCoalescer.Pending(i, 0));
                }
            }
            RangeCoalescer.Growth growth = i -> i < slot.length && (slot[(int) i] == Slot.AVAILABLE && !closed
                    || slot[(int) i] == Slot.SENT && group[(int) i] == gg && !closed);
            for (CodeRange r : coalescer.cuts(pending, growth, 1)) {
                for (long i = r.codeStart(); i <= r.codeEnd(); i++) {
                    slot[(int) i] = Slot.QUEUED;
                }
                sent.get(g).add(r);
            }
        }
    }
}
