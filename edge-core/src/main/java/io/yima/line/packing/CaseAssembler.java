package io.yima.line.packing;

import java.util.ArrayList;
import java.util.List;

/**
 * Count-and-close: the items verified on the line, in belt order (the order the item scanner bound them), fill
 * the open case; it is full at {@code perCase} items. Rejected items never arrive here: the kicker takes them off
 * before the packer.
 */
final class CaseAssembler {
    private final int perCase;
    private final List<PackItem> open = new ArrayList<>();

    CaseAssembler(int perCase) {
        this.perCase = perCase;
    }

    /** The item entered the open case; returns the full case's items when this one filled it, else null. */
    List<PackItem> add(PackItem item) {
        open.add(item);
        return open.size() >= perCase ? take() : null;
    }

    /** The PLC closes the case as it is (short at the end of a job); empty when no item is in it. */
    List<PackItem> take() {
        List<PackItem> items = List.copyOf(open);
        open.clear();
        return items;
    }

    int size() {
        return open.size();
    }
}
