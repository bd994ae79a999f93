package io.yima.line.packing;

import java.util.List;

/**
 * A closed case whose label is printed (or on its way to the case printer) and awaits its read. {@code items}:
 * the verified items the line counted into it (count-and-close packs exactly these); {@code printedNanos}:
 * when its label's bytes were handed to the case printer (System.nanoTime), where its case window starts.
 */
final class PendingCase {
    final long number;
    final CaseCode code;
    final List<PackItem> items;
    long printedNanos;

    PendingCase(long number, CaseCode code, List<PackItem> items, long printedNanos) {
        this.number = number;
        this.code = code;
        this.items = List.copyOf(items);
        this.printedNanos = printedNanos;
    }
}
