package io.yima.vault.importing;

import io.yima.vault.Ranges;
import java.util.List;

/**
 * The indexes an import added, as runs. Packages come in index order, so most indexes extend the current run in
 * constant time; only a jump starts a new one.
 */
final class AddedIndexes {
    private final Ranges done = new Ranges();
    private long from = -1;
    private long to = -2;

    void add(long index) {
        if (index == to + 1) {
            to = index;
        } else if (index < from || index > to) {
            flush();
            from = index;
            to = index;
        }
    }

    /** The added indexes as disjoint inclusive {from, to} runs, ascending. */
    List<long[]> runs() {
        flush();
        return done.runs();
    }

    private void flush() {
        if (from >= 0) {
            done.add(from, to);
        }
        from = -1;
        to = -2;
    }
}
