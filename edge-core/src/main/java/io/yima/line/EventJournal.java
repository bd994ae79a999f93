package io.yima.line;

import io.yima.plc.PlcLink;
import io.yima.plc.PlcMessage;
import java.util.ArrayDeque;

/**
 * Numbers the line's PLC events and keeps the open job's recent ones, so a PLC that reconnects with
 * {@code HELLO …,last-event} gets every event it missed (a reject must never be lost to a cable pull).
 *
 * <p>The journal lives in memory, so after an edge restart it would count from 1 again, and a PLC that already
 * saw higher numbers would take the new events for replays and drop them. A PLC reporting a last event above
 * anything this journal issued therefore moves the numbering past its number: events it has not seen are
 * renumbered above it, and numbers are never reused from the PLC's point of view.
 */
final class EventJournal {
    private final int capacity;
    private final ArrayDeque<Entry> recent = new ArrayDeque<>();
    private volatile long last;
    private PlcLink link;

    private record Entry(long number, String kind, String[] fields) {
        PlcMessage message() {
            return PlcMessage.event(kind, number, fields);
        }
    }

    EventJournal(int capacity) {
        this.capacity = capacity;
    }

    long last() {
        return last;
    }

    void emit(String kind, String... fields) {
        Entry e = new Entry(++last, kind, fields);
        recent.addLast(e);
        if (recent.size() > capacity) {
            recent.removeFirst();
        }
        if (link != null) {
            link.send(e.message());
        }
    }

    /** HB with the last number, sent from the thread that sends the events so it arrives after them. */
    void heartbeat(PlcLink to) {
        to.send(PlcMessage.event("HB", last));
    }

    boolean attached() {
        return link != null;
    }

    void attach(PlcLink newLink, long lastSeen) {
        link = newLink;
        if (lastSeen > last) {
            renumberAfter(lastSeen);
        }
        for (Entry e : recent) {
            if (e.number > lastSeen) {
                newLink.send(e.message());
            }
        }
    }

    /** The PLC saw numbers from before a restart: what this journal holds continues after them. */
    private void renumberAfter(long lastSeen) {
        long n = lastSeen;
        ArrayDeque<Entry> renumbered = new ArrayDeque<>(recent.size());
        for (Entry e : recent) {
            renumbered.addLast(new Entry(++n, e.kind, e.fields));
        }
        recent.clear();
        recent.addAll(renumbered);
        last = n;
    }

    void detach(PlcLink old) {
        if (link == old) {
            link = null;
        }
    }

    /** A new job starts a new replay window; numbering continues so numbers are never reused. */
    void newJob() {
        recent.clear();
    }
}
