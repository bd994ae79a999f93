package io.yima.daemon;

import io.yima.line.LineEvent;
import io.yima.line.LineListener;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Since when each line has been in its state and each device out of ONLINE, for the dashboard's "since 14:02:11".
 * The lines' own events set the times as things happen ({@link #listenerFor}: a map write on the line's thread,
 * nothing more); what no event announces (a printer not yet connected at start, the PLC link) is timed from when
 * the status view first saw it.
 */
final class FaultClock {
    private final Clock clock;
    private final Instant started;
    private final Map<String, Instant> since = new ConcurrentHashMap<>();

    FaultClock(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
    }

    LineListener listenerFor(String line) {
        return e -> {
            if (e instanceof LineEvent.DeviceFault f) {
                since.putIfAbsent(key(line, f.device().name()), clock.instant());
            } else if (e instanceof LineEvent.DeviceCleared c) {
                since.remove(key(line, c.device().name()));
            } else if (e instanceof LineEvent.LineStateChanged s) {
                since.put(key(line, "state"), clock.instant());
            }
        };
    }

    /** When the device left ONLINE, or null while it is ONLINE (which also forgets the old time). */
    Instant device(String line, String device, boolean online) {
        String k = key(line, device);
        if (online) {
            since.remove(k);
            return null;
        }
        return since.computeIfAbsent(k, x -> clock.instant());
    }

    /** When the line entered its present state; the daemon's start for the state it started in. */
    Instant state(String line) {
        return since.getOrDefault(key(line, "state"), started);
    }

    private static String key(String line, String what) {
        return line + '\u0000' + what.toLowerCase(Locale.ROOT);
    }
}
