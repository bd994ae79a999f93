package io.yima.plc;

import io.yima.line.Device;
import io.yima.line.LineCommands;
import io.yima.line.LineEvent;
import io.yima.line.LineListener;
import io.yima.line.Subscription;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The line's events in the PLC protocol's words, delivered to the connected PLC. Subscribed to the line, so it
 * runs on the line's thread (it only hands frames to Netty, never blocks). Numbering is the line's; replay after
 * a reconnect comes from the line's persisted events of the open job, so it also covers an edge restart.
 */
public final class PlcEventFeed implements LineListener {
    private final LineCommands line;
    /** The feed's place on the line: {@link #close} takes it off. */
    private final Subscription subscription;
    /** Where events go (set once the replay to a new session is done). */
    private final AtomicReference<PlcLink> link = new AtomicReference<>();
    /** The greeted session that holds the line: one PLC per line, so a second cannot steal events or CLOSE. */
    private final AtomicReference<PlcLink> holder = new AtomicReference<>();
    /** When the attached PLC last sent a whole frame (System.nanoTime), for the status page's "PLC silent". */
    private volatile long lastHeardNanos = System.nanoTime();

    public PlcEventFeed(LineCommands line) {
        this.line = line;
        this.subscription = line.subscribe(this);
    }

    /** The port closed: the line no longer calls this feed. */
    void close() {
        subscription.close();
    }

    @Override
    public void on(LineEvent event) {
        PlcLink to = link.get();
        if (to != null) {
            PlcMessage m = message(event, to);
            if (m != null) {
                to.send(m);
            }
        }
    }

    /** A whole frame arrived from {@code from}; only the session holding the line counts. */
    void heard(PlcLink from) {
        if (holder.get() == from) {
            lastHeardNanos = System.nanoTime();
        }
    }

    /** Milliseconds since the attached PLC's last whole frame; 0 when none is attached. */
    public long silentMillis() {
        return link.get() == null ? 0 : (System.nanoTime() - lastHeardNanos) / 1_000_000;
    }

    /** True while a PLC session is attached (the status page's PLC link). */
    public boolean attached() {
        return link.get() != null;
    }

    /**
     * Claims the line for {@code session}: granted when no session holds it, when {@code session} already does,
     * when the holder is the same PLC (same id, same host: a reconnect whose old connection is not yet known dead),
     * or with {@code takeover}; the replaced session is closed. Returns null when granted, else the holder.
     */
    PlcLink claim(PlcLink session, boolean takeover) {
        while (true) {
            PlcLink held = holder.get();
            boolean free = held == null || held == session;
            boolean samePlc = held != null && held.plcId().equals(session.plcId()) && held.host().equals(session.host());
            if (!free && !samePlc && !takeover) {
                return held;
            }
            if (holder.compareAndSet(held, session)) {
                if (!free) {
                    link.compareAndSet(held, null);
                    held.close();
                }
                return null;
            }
        }
    }

    /** The session holding the line, or null. */
    PlcLink holder() {
        return holder.get();
    }

    /** Replays the open job's events above {@code lastSeen} to {@code newLink}, then forwards live ones to it. */
    void attach(PlcLink newLink, long lastSeen) {
        line.replay(lastSeen, event -> {
            PlcMessage m = message(event, newLink);
            if (m != null) {
                newLink.send(m);
            }
        }, () -> {
            if (holder.get() == newLink) { // not replaced while the replay ran
                lastHeardNanos = System.nanoTime();
                link.set(newLink);
            }
        });
    }

    void detach(PlcLink old) {
        holder.compareAndSet(old, null);
        link.compareAndSet(old, null);
    }

    /**
     * HB with the last event number, queued on the line's thread behind every event it counts: a PLC takes the
     * number as "seen up to here" and would drop events still queued behind it as replays.
     */
    void heartbeat(PlcLink to) {
        line.afterPublished(() -> to.send(PlcMessage.event("HB", line.lastEventNumber())));
    }

    /** As {@link #message(LineEvent)}; the case and pallet events only for a session of protocol version 2. */
    static PlcMessage message(LineEvent e, PlcLink to) {
        if (e instanceof LineEvent.CasePacked p) {
            return to.packing() ? PlcMessage.event("CASE_PACKED", p.number(), Long.toString(p.caseNumber()),
                    p.caseCode(), Integer.toString(p.items())) : null;
        }
        if (e instanceof LineEvent.CaseRejected r) {
            return to.packing() ? PlcMessage.event("CASE_REJECTED", r.number(), Long.toString(r.caseNumber()),
                    r.caseCode(), r.reason().name(), Integer.toString(r.items())) : null;
        }
        if (e instanceof LineEvent.PalletPacked p) {
            return to.packing() ? PlcMessage.event("PALLET_PACKED", p.number(), Long.toString(p.palletNumber()),
                    p.palletCode(), Integer.toString(p.cases())) : null;
        }
        if (e instanceof LineEvent.PalletRejected r) {
            return to.packing() ? PlcMessage.event("PALLET_REJECTED", r.number(), Long.toString(r.palletNumber()),
                    r.palletCode(), r.reason().name(), Integer.toString(r.cases())) : null;
        }
        return message(e);
    }

    /** The protocol's event for a line event, or null for the ones the protocol does not carry. */
    static PlcMessage message(LineEvent e) {
        if (e instanceof LineEvent.LabelPrinted p) {
            return PlcMessage.event("PRINTED", p.number(), p.itemId(), Long.toString(p.code().index()));
        }
        if (e instanceof LineEvent.ItemBound b) {
            return PlcMessage.event("OK", b.number(), b.itemId(), b.code());
        }
        if (e instanceof LineEvent.ItemRejected r) {
            return PlcMessage.event("REJECT", r.number(), r.itemId(), r.reason().name());
        }
        if (e instanceof LineEvent.DeviceFault f) {
            return PlcMessage.event("FAULT", f.number(), device(f.device()), f.reason());
        }
        if (e instanceof LineEvent.DeviceCleared c) {
            return PlcMessage.event("CLEARED", c.number(), device(c.device()));
        }
        if (e instanceof LineEvent.JobClosed c) {
            var a = c.account();
            return PlcMessage.event("CLOSED", c.number(), a.jobId(), Long.toString(a.printed()),
                    Long.toString(a.bound()), Long.toString(a.rejected()), Long.toString(a.voided()));
        }
        return null;
    }

    private static String device(Device d) {
        return d.name().toLowerCase(Locale.ROOT);
    }
}
