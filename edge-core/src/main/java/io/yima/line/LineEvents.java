package io.yima.line;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.yima.vault.CodeVault;
import io.yima.vault.JobStale;
import io.yima.vault.LineEventLog;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of a line's events: it numbers the journaled ones, writes them to the vault and hands every event
 * to the listeners, all on the line's thread. An event that reports a vault change is numbered and written inside that change's
 * transaction ({@link #transaction}) and published after the commit; one without a change of its own (a label
 * flushed to the printer, a device fault) is published at once and written with the next transaction
 * ({@link #emit}). Numbers are handed out only below a block reserved in the vault ahead of use, so a crash
 * that loses unwritten rows never lets a number be reused after the restart.
 */
final class LineEvents {
    private static final Logger log = LoggerFactory.getLogger(LineEvents.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BLOCK = 10_000;
    private static final Map<String, Class<? extends LineEvent>> KINDS = Stream.of(LineEvent.class.getPermittedSubclasses())
            .collect(Collectors.toMap(Class::getSimpleName, c -> c.asSubclass(LineEvent.class)));

    /** Work inside one vault transaction; {@code events.emit} numbers an event and writes it in the transaction. */
    @FunctionalInterface
    interface TxWork<T> {
        T run(Connection c, Emitter events) throws SQLException;
    }

    interface Emitter {
        /** A journaled event: the next number, written in the transaction, published after the commit. */
        LineEvent emit(LongFunction<LineEvent> event);

        /** A note (see {@link LineEvent}): the last journaled number, not written, published after the commit. */
        LineEvent note(LongFunction<LineEvent> event);
    }

    private final String lineId;
    private final CodeVault vault;
    private final LineEventLog store;
    private final List<LineListener> listeners = new CopyOnWriteArrayList<>();
    /** Published but not yet written: they go into the next transaction. */
    private final List<LineEventLog.Row> unwritten = new ArrayList<>();
    private volatile long last;
    private long reservedTo;
    private String jobId;
    /**
     * Stale refusals of {@code staleJob} not yet in the vault: the PLC is answered at once and the count rides on
     * the next transaction (or {@link #flush}), like the unwritten events, so a vault fault never delays the reply.
     */
    private long staleUnwritten;
    private String staleJob;

    LineEvents(String lineId, CodeVault vault) {
        this.lineId = lineId;
        this.vault = vault;
        this.store = new LineEventLog(vault);
    }

    /** At start: numbering continues above anything a previous run may have handed out. */
    void load() {
        last = store.highestIssued(lineId);
        reservedTo = last;
        reservedTo = vault.inTransaction(this::reserveAhead);
    }

    /** Adds {@code listener}; closing the answer removes it (the very same entry, even if added twice). */
    Subscription subscribe(LineListener listener) {
        Held held = new Held(listener);
        listeners.add(held);
        return () -> listeners.remove(held);
    }

    /** One subscription's entry: removed by identity, logged as the listener it holds. */
    private static final class Held implements LineListener {
        private final LineListener listener;

        Held(LineListener listener) {
            this.listener = listener;
        }

        @Override
        public void on(LineEvent event) {
            listener.on(event);
        }

        @Override
        public String toString() {
            return listener.toString();
        }
    }

    long last() {
        return last;
    }

    /** The job the following events belong to (null between jobs): what HELLO replays. */
    void job(String jobId) {
        this.jobId = jobId;
    }

    /**
     * Runs {@code work} in one vault transaction together with the unwritten events; the events it emits are
     * written in it and published after the commit. On failure nothing is published and their numbers are unused.
     */
    <T> T transaction(TxWork<T> work) {
        long mark = last;
        long stale = staleUnwritten;
        String staleFor = staleJob;
        List<LineEvent> emitted = new ArrayList<>();
        List<LineEventLog.Row> rows = new ArrayList<>();
        Emitter emitter = new Emitter() {
            @Override
            public LineEvent emit(LongFunction<LineEvent> factory) {
                LineEvent e = factory.apply(++last);
                emitted.add(e);
                rows.add(row(e));
                return e;
            }

            @Override
            public LineEvent note(LongFunction<LineEvent> factory) {
                LineEvent e = factory.apply(last);
                emitted.add(e);
                return e;
            }
        };
        long[] reserved = new long[1];
        T result;
        try {
            result = vault.inTransaction(c -> {
                T r = work.run(c, emitter);
                store.write(c, lineId, unwritten);
                store.write(c, lineId, rows);
                if (stale > 0) {
                    JobStale.add(c, staleFor, stale);
                }
                reserved[0] = reserveAhead(c);
                return r;
            });
        } catch (RuntimeException e) {
            last = mark;
            throw e;
        }
        reservedTo = reserved[0];
        unwritten.clear();
        staleUnwritten -= stale;
        emitted.forEach(this::publish);
        return result;
    }

    /** An event with no vault change of its own: published now, written with the next transaction. */
    LineEvent emit(LongFunction<LineEvent> factory) {
        if (last >= reservedTo) {
            try {
                transaction((c, e) -> null);
            } catch (RuntimeException e) {
                log.warn("line {}: event numbers could not be reserved ({}); numbering continues", lineId, e.toString());
            }
        }
        LineEvent e = factory.apply(++last);
        unwritten.add(row(e));
        publish(e);
        return e;
    }

    /**
     * Clean shutdown: the unwritten events are written and the reservation shrinks to the last number handed out,
     * so the next start continues without a jump (only after a crash does the numbering skip the unused block).
     */
    void close() {
        long stale = staleUnwritten;
        String staleFor = staleJob;
        try {
            vault.inTransaction(c -> {
                store.write(c, lineId, unwritten);
                if (stale > 0) {
                    JobStale.add(c, staleFor, stale);
                }
                LineEventLog.reserve(c, lineId, last);
                return null;
            });
            unwritten.clear();
            staleUnwritten = 0;
            reservedTo = last;
        } catch (RuntimeException e) {
            log.warn("line {}: events could not be written at shutdown: {}", lineId, e.toString());
        }
    }

    /** A note with no vault change of its own (see {@link LineEvent}): published now, never written. */
    LineEvent note(LongFunction<LineEvent> factory) {
        LineEvent e = factory.apply(last);
        publish(e);
        return e;
    }

    /**
     * A PLC trigger of the open job was refused STALE (already answered): counted for the vault, written with the
     * next transaction or {@link #flush}.
     */
    void stale() {
        if (jobId == null) {
            return; // no job open: a trigger is refused before it could be stale
        }
        if (staleUnwritten > 0 && !jobId.equals(staleJob)) {
            // only after the vault refused every write since the other job's refusals (its close included)
            log.warn("line {}: {} stale refusal(s) of job {} could not be written to the vault; job report"
                    + " will not count them", lineId, staleUnwritten, staleJob);
            staleUnwritten = 0;
        }
        staleJob = jobId;
        staleUnwritten++;
    }

    /** Writes the unwritten events and stale refusals now (idle line, before a replay); false when the vault refused. */
    boolean flush() {
        if (unwritten.isEmpty() && staleUnwritten == 0) {
            return true;
        }
        try {
            transaction((c, e) -> null);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A real write (the reservation row, unchanged): proves the vault takes writes again. */
    void probe() {
        transaction((c, e) -> {
            LineEventLog.reserve(c, lineId, reservedTo);
            return null;
        });
    }

    /** The open job's events above {@code after}: the vault's rows, then the ones not written yet. */
    List<LineEvent> since(long after) {
        if (jobId == null) {
            return List.of();
        }
        List<LineEventLog.Row> rows = new ArrayList<>();
        if (flush()) {
            rows.addAll(store.since(lineId, jobId, after));
        } else {
            log.warn("line {}: vault unavailable, replaying only the events still in memory", lineId);
        }
        for (LineEventLog.Row r : unwritten) {
            if (r.number() > after && jobId.equals(r.jobId())) {
                rows.add(r);
            }
        }
        return rows.stream().map(LineEvents::event).toList();
    }

    private void publish(LineEvent e) {
        for (LineListener l : listeners) {
            try {
                l.on(e);
            } catch (RuntimeException ex) {
                log.error("line {}: listener {} failed on {}", lineId, l, e, ex);
            }
        }
    }

    /** Extends the stored reservation when half of it is used; the new bound counts once the caller commits. */
    private long reserveAhead(Connection c) throws SQLException {
        if (reservedTo - last >= BLOCK / 2) {
            return reservedTo;
        }
        long to = last + BLOCK;
        LineEventLog.reserve(c, lineId, to);
        return to;
    }

    private LineEventLog.Row row(LineEvent e) {
        return row(e, jobId);
    }

    /** A journaled event as the vault stores it; {@link RecoveredResults} writes its own with this. */
    static LineEventLog.Row row(LineEvent e, String jobId) {
        try {
            return new LineEventLog.Row(e.number(), jobId, e.getClass().getSimpleName(), JSON.writeValueAsString(e),
                    System.currentTimeMillis());
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static LineEvent event(LineEventLog.Row r) {
        try {
            return JSON.readValue(r.body(), KINDS.get(r.kind()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
