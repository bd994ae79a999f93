package io.yima.sim.packing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The case packer at the end of the belt: the items that pass the kicker (the edge said OK) drop into the open
 * case in belt order; a case closes when it holds {@code perCase} items, or earlier when the PLC says so. Its
 * record of which item codes went into which case is the ground truth a rig judges the edge's hierarchy by.
 * Closed cases queue for the case labeller / camera downstream.
 */
public final class CasePacker {
    /** One closed case: number 1, 2, 3 … in the order the packer closed them, and its items in belt order. */
    public record PackedCase(long number, List<String> items, Instant closedAt) {
        public PackedCase {
            items = List.copyOf(items);
        }
    }

    private final int perCase;
    private final List<String> open = new ArrayList<>();
    private final List<PackedCase> record = new ArrayList<>();
    private final Map<String, Long> caseOf = new HashMap<>();
    private final List<String> kicked = new ArrayList<>();
    private final LinkedBlockingQueue<PackedCase> closed = new LinkedBlockingQueue<>();

    /** @param perCase items per case, at least 1 */
    public CasePacker(int perCase) {
        if (perCase < 1) {
            throw new IllegalArgumentException("per case must be at least 1, got " + perCase);
        }
        this.perCase = perCase;
    }

    public int perCase() {
        return perCase;
    }

    /** An item passed the kicker into the open case; returns the case it closed, or null while the case is open. */
    public synchronized PackedCase item(String code) {
        if (caseOf.containsKey(code)) {
            throw new IllegalStateException("item " + code + " is already in case " + caseOf.get(code));
        }
        open.add(code);
        caseOf.put(code, (long) record.size() + 1);
        return open.size() >= perCase ? close() : null;
    }

    /** The PLC closes the open case short (end of job); null when it is empty. */
    public synchronized PackedCase closeCase() {
        return open.isEmpty() ? null : close();
    }

    private PackedCase close() {
        PackedCase c = new PackedCase(record.size() + 1, open, Instant.now());
        open.clear();
        record.add(c);
        closed.add(c);
        return c;
    }

    /** The next closed case for the station downstream, or null when none closes within the timeout. */
    public PackedCase nextClosed(long timeout, TimeUnit unit) throws InterruptedException {
        return closed.poll(timeout, unit);
    }

    /**
     * The PLC kicks the open case out for rework (the edge it packs for restarted and did not keep the open case's
     * count): its items leave the packer, never reach the case labeller or camera, and are in no case. Returns them.
     */
    public synchronized List<String> kickOpen() {
        List<String> items = List.copyOf(open);
        items.forEach(caseOf::remove);
        kicked.addAll(items);
        open.clear();
        return items;
    }

    /** Every item kicked out with an open case ({@link #kickOpen}), in order. */
    public synchronized List<String> kicked() {
        return List.copyOf(kicked);
    }

    /** Every closed case, in closing order. */
    public synchronized List<PackedCase> record() {
        return List.copyOf(record);
    }

    /** Items in the case not yet closed. */
    public synchronized List<String> openCase() {
        return List.copyOf(open);
    }

    /** The case number an item went into, or null when it never reached the packer. */
    public synchronized Long caseOf(String code) {
        return caseOf.get(code);
    }
}
