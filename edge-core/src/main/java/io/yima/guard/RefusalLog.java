package io.yima.guard;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Refusals in the log without a flood: the first refusal after a quiet interval is logged at once, in full;
 * the ones that follow within the interval are counted and written as one summary line when it ends. 100,000 bad
 * frames in two seconds are two lines, not 100,000. Thread-safe; the summary is written by {@code timer}.
 */
public final class RefusalLog {
    static final int MAX_DETAIL = 120;

    private final Logger log;
    private final String where;
    private final Duration interval;
    private final ScheduledExecutorService timer;
    private final Map<String, Long> counts = new TreeMap<>();
    private boolean summarising;
    private String lastPeer;

    public RefusalLog(Logger log, String where, Duration interval, ScheduledExecutorService timer) {
        this.log = log;
        this.where = where;
        this.interval = interval;
        this.timer = timer;
    }

    /**
     * One refusal. {@code what} and {@code reason} are fixed words ({@code frame}, {@code BAD_FRAME});
     * {@code detail} may hold peer text: it is cut short here and its control characters are neutralised by the
     * log pattern.
     */
    public void refused(String what, String reason, String peer, String detail) {
        synchronized (this) {
            if (summarising) {
                counts.merge(what + " " + reason, 1L, Long::sum);
                lastPeer = peer;
                return;
            }
            summarising = true;
        }
        log.warn("{}: refused {} from {}: {}{}; further refusals within {} s are summed up in one line", where, what,
                peer, reason, detail == null || detail.isEmpty() ? "" : " (" + cut(detail) + ")", interval.toSeconds());
        schedule();
    }

    private void schedule() {
        try {
            timer.schedule(this::summarise, interval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down: the summary of the last interval is lost, the counters in the metrics are not
        }
    }

    private void summarise() {
        String line;
        synchronized (this) {
            if (counts.isEmpty()) {
                summarising = false;
                return;
            }
            StringBuilder sb = new StringBuilder();
            long total = 0;
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(e.getValue()).append(' ').append(e.getKey());
                total += e.getValue();
            }
            line = total + " more in the last " + interval.toSeconds() + " s (" + sb + "), the last from " + lastPeer;
            counts.clear();
        }
        log.warn("{}: refused {}", where, line);
        schedule();
    }

    private static String cut(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "…";
    }
}
