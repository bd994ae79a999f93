package io.yima.line;

import io.yima.plc.PlcLink;
import io.yima.plc.PlcMessage;
import java.util.ArrayDeque;

/**
 * Numbers the line's PLC events and keeps the open job's recent ones, so a PLC that reconnects with
 * {@code HELLO …,last-event} gets every event it missed (a reject must never be lost to a cable pull).
 */
final class EventJournal {
    private final int capacity;
    private final ArrayDeque<Entry> recent = new ArrayDeque<>();
    private volatile long last;
    private PlcLink link;

    private record Entry(long number, PlcMessage message) {
    }

    EventJournal(int capacity) {
        this.capacity = capacity;
    }

    long last() {
        return last;
    }

    void emit(String kind, String... fields) {
        long n = ++last;
        PlcMessage m = PlcMessage.event(kind, n, fields);
        recent.addLast(new Entry(n, m));
        if (recent.size() > capacity) {
            recent.removeFirst();
        }
        if (link != null) {
            link.send(m);
        }
    }

    boolean attached() {
        return link != null;
    }

    void attach(PlcLink newLink, long lastSeen) {
        link = newLink;
        for (Entry e : recent) {
            if (e.number > lastSeen) {
                newLink.send(e.message);
            }
        }
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
