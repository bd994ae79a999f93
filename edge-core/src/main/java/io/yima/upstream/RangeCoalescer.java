package io.yima.upstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which bound-but-pending indexes of one activation group (same application, same activation fields)
 * are sent now, and as which ranges, so that the number of {@code codeactive} calls stays minimal.
 *
 * <p>Pending indexes form runs of consecutive indexes. A run is sent whole (in pieces of at most
 * {@code maxLength}) once neither end can grow any more, or once its oldest binding has waited
 * {@code maxDelay}. A run that can still grow at one end but not the other sends full-length pieces from the
 * final end only. Cutting pieces only at final ends keeps every maximal run of bound indexes at
 * {@code ceil(length / maxLength)} ranges, whatever the binding order: the only short piece is the one left
 * over in the middle when the run is complete.
 */
public final class RangeCoalescer {
    /** A bound index waiting for activation; {@code boundAtMillis} starts the flush delay. */
    public record Pending(long index, long boundAtMillis) {
    }

    /** Whether a run may still grow into the index beside it. */
    @FunctionalInterface
    public interface Growth {
        /** True while the code at {@code index} may still be bound into this group (unsent, same fields, job open). */
        boolean mayJoin(long index);
    }

    private final int maxLength;
    private final Duration maxDelay;

    public RangeCoalescer(int maxLength, Duration maxDelay) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1");
        }
        this.maxLength = maxLength;
        this.maxDelay = maxDelay;
    }

    /**
     * The ranges to send now.
     *
     * @param pending one group's pending indexes, sorted ascending, no duplicates
     */
    public List<CodeRange> cuts(List<Pending> pending, Growth growth, long nowMillis) {
        List<CodeRange> out = new ArrayList<>();
        int i = 0;
        while (i < pending.size()) {
            int j = i;
            long oldest = pending.get(i).boundAtMillis();
            while (j + 1 < pending.size() && pending.get(j + 1).index() == pending.get(j).index() + 1) {
                j++;
                oldest = Math.min(oldest, pending.get(j).boundAtMillis());
            }
            cutRun(pending.get(i).index(), pending.get(j).index(), oldest, growth, nowMillis, out);
            i = j + 1;
        }
        return out;
    }

    private void cutRun(long start, long end, long oldest, Growth growth, long now, List<CodeRange> out) {
        boolean leftFinal = start == 0 || !growth.mayJoin(start - 1);
        boolean rightFinal = !growth.mayJoin(end + 1);
        boolean overdue = now - oldest >= maxDelay.toMillis();
        if ((leftFinal && rightFinal) || overdue) {
            for (long s = start; s <= end; s += maxLength) {
                out.add(new CodeRange(s, Math.min(end, s + maxLength - 1)));
            }
        } else if (leftFinal) {
            for (long s = start; end - s + 1 >= maxLength; s += maxLength) {
                out.add(new CodeRange(s, s + maxLength - 1));
            }
        } else if (rightFinal) {
            for (long e = end; e - start + 1 >= maxLength; e -= maxLength) {
                out.add(new CodeRange(e - maxLength + 1, e));
            }
        }
    }
}
