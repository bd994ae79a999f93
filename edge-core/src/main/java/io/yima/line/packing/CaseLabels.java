package io.yima.line.packing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The case labels printed and awaiting their read, in the order the cases left the packer (first in, first out),
 * as the item line's verifier keeps item labels: a read of the head settles it; a read of a later case means the
 * cases before it passed unread; a no-read settles the head unread; a case whose label was printed longer than
 * the case window ago is unread. Bounded by the caller (one entry per case closed).
 */
final class CaseLabels {
    /** What a read settled: the case it matched (null for none) and the cases that passed unread before it. */
    record Settled(PendingCase matched, List<PendingCase> unread) {
    }

    private final ArrayDeque<PendingCase> waiting = new ArrayDeque<>();

    void add(PendingCase c) {
        waiting.addLast(c);
    }

    boolean remove(PendingCase c) {
        return waiting.remove(c);
    }

    int size() {
        return waiting.size();
    }

    /** A read of {@code read} (null = the reader's no-read). A read no waiting label carries settles nothing. */
    Settled read(String read) {
        if (read == null) {
            PendingCase head = waiting.pollFirst();
            return new Settled(null, head == null ? List.of() : List.of(head));
        }
        boolean found = waiting.stream().anyMatch(c -> c.code.read().equals(read));
        if (!found) {
            return new Settled(null, List.of());
        }
        List<PendingCase> unread = new ArrayList<>();
        while (true) {
            PendingCase c = waiting.pollFirst();
            if (c.code.read().equals(read)) {
                return new Settled(c, unread);
            }
            unread.add(c);
        }
    }

    /** The cases whose window passed without a read, oldest first; they are no longer waited for. */
    List<PendingCase> expire(long nowNanos, long windowNanos) {
        List<PendingCase> expired = new ArrayList<>();
        Iterator<PendingCase> it = waiting.iterator();
        while (it.hasNext()) {
            PendingCase c = it.next();
            if (nowNanos - c.printedNanos > windowNanos) {
                expired.add(c);
                it.remove();
            } else {
                break; // printed in order: the rest are younger
            }
        }
        return expired;
    }

    /** Every waiting case, forgotten (the job closed). */
    List<PendingCase> drain() {
        List<PendingCase> all = new ArrayList<>(waiting);
        waiting.clear();
        return all;
    }
}
