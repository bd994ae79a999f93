package io.yima.sim.bench.scale;

import io.yima.sim.plc.PlcFrame;
import io.yima.sim.rig.Percentiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened to each trigger of one run, as the PLC saw it: when it was due, when it was sent, when its
 * ACK/NAK and its PRINTED and OK/REJECT events arrived. Items are numbered 0…n-1; event listener threads and the
 * sender write, {@link #summary} reads once the run is over.
 */
final class TriggerLog {
    private final long[] due;
    private final long[] sent;
    private final long[] replied;
    private final long[] printed;
    private final String[] nak;
    private final String[] result;
    private final String prefix;
    private long unknownEvents;

    /**
     * {@code prefix} makes this job's item ids its own: an edge replays an earlier job's events to a reconnecting
     * PLC, and those must not be taken for this job's items.
     */
    TriggerLog(String prefix, int items) {
        this.prefix = prefix;
        due = new long[items];
        sent = new long[items];
        replied = new long[items];
        printed = new long[items];
        nak = new String[items];
        result = new String[items];
    }

    /** Item id on the wire for item {@code i}. */
    String itemId(int i) {
        return prefix + (i + 1);
    }

    synchronized void sent(int i, long dueNanos, long sentNanos) {
        due[i] = dueNanos;
        sent[i] = sentNanos;
    }

    synchronized void reply(int i, PlcFrame reply, long atNanos) {
        replied[i] = atNanos;
        if (!reply.command().equals("ACK")) {
            nak[i] = reply.field(2).isEmpty() ? reply.command() : reply.field(2);
        }
    }

    synchronized void failed(int i, String why, long atNanos) {
        replied[i] = atNanos;
        nak[i] = why;
    }

    /** PRINTED, OK and REJECT events; others are not about one item. */
    synchronized void event(PlcFrame e, long atNanos) {
        String cmd = e.command();
        if (!cmd.equals("PRINTED") && !cmd.equals("OK") && !cmd.equals("REJECT")) {
            return;
        }
        int i = index(e.field(2));
        if (i < 0 || sent[i] == 0) {
            unknownEvents++;
            return;
        }
        if (cmd.equals("PRINTED")) {
            printed[i] = atNanos;
        } else if (result[i] == null) {
            result[i] = cmd.equals("OK") ? "OK" : e.field(3);
        }
    }

    private int index(String item) {
        if (!item.startsWith(prefix)) {
            return -1;
        }
        try {
            int i = Integer.parseInt(item.substring(prefix.length())) - 1;
            return i >= 0 && i < due.length ? i : -1;
        } catch (NumberFormatException x) {
            return -1;
        }
    }

    /** True when every trigger was answered and every acknowledged one has its OK/REJECT. */
    synchronized boolean settled() {
        for (int i = 0; i < due.length; i++) {
            if (replied[i] == 0 || (nak[i] == null && result[i] == null)) {
                return false;
            }
        }
        return true;
    }

    /**
     * One row per trigger for lining a run's stalls up against other processes' logs: the due time as wall-clock
     * epoch milliseconds (from {@code wallMillisAt}, the wall clock read together with {@code nanosAt}), then the
     * send lag, the reply and PRINTED after due in ms (empty when none came), and the NAK or result.
     */
    synchronized void writeCsv(Path file, long wallMillisAt, long nanosAt) throws IOException {
        StringBuilder csv = new StringBuilder("item,due_epoch_ms,send_lag_ms,reply_ms,printed_ms,nak,result\n");
        for (int i = 0; i < due.length; i++) {
            csv.append(i + 1).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", wallMillisAt + (due[i] - nanosAt) / 1e6)).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", (sent[i] - due[i]) / 1e6)).append(',')
                    .append(after(replied[i], due[i])).append(',').append(after(printed[i], due[i])).append(',')
                    .append(nak[i] == null ? "" : nak[i]).append(',').append(result[i] == null ? "" : result[i])
                    .append('\n');
        }
        Files.writeString(file, csv);
    }

    private static String after(long at, long due) {
        return at == 0 ? "" : String.format(Locale.ROOT, "%.3f", (at - due) / 1e6);
    }

    synchronized Summary summary() {
        List<Long> toAck = new ArrayList<>();
        List<Long> toReply = new ArrayList<>();
        List<Long> toPrinted = new ArrayList<>();
        Map<String, Integer> naks = new TreeMap<>();
        Map<String, Integer> rejects = new TreeMap<>();
        int ok = 0;
        int labels = 0;
        int unanswered = 0;
        int noResult = 0;
        long maxSendLag = 0;
        for (int i = 0; i < due.length; i++) {
            maxSendLag = Math.max(maxSendLag, sent[i] - due[i]);
            if (replied[i] != 0) {
                toReply.add(replied[i] - due[i]);
            }
            if (replied[i] == 0) {
                unanswered++;
            } else if (nak[i] != null) {
                naks.merge(nak[i], 1, Integer::sum);
            } else {
                toAck.add(replied[i] - due[i]);
            }
            if (printed[i] != 0) {
                labels++;
                toPrinted.add(printed[i] - due[i]);
            }
            if ("OK".equals(result[i])) {
                ok++;
            } else if (result[i] != null) {
                rejects.merge(result[i], 1, Integer::sum);
            } else if (nak[i] == null && replied[i] != 0) {
                noResult++;
            }
        }
        return new Summary(due.length, labels, ok, naks, rejects, unanswered, noResult,
                Percentiles.ofNanos(toAck), Percentiles.ofNanos(toReply), Percentiles.ofNanos(toPrinted),
                maxSendLag / 1e6, unknownEvents);
    }

    /**
     * One run's figures. Latencies are from the trigger's due time; {@code printToReply} counts NAKs too (a BUSY
     * that comes back late is a stall as well); {@code maxSendLagMs} says how late the sender itself ever was (it
     * must stay small for the schedule to have been open-loop in fact).
     */
    record Summary(int triggers, int printed, int ok, Map<String, Integer> naks, Map<String, Integer> rejects,
                   int unanswered, int noResult, Percentiles printToAck, Percentiles printToReply,
                   Percentiles printToPrinted,
                   double maxSendLagMs, long unknownEvents) {
        int nakCount() {
            return naks.values().stream().mapToInt(Integer::intValue).sum();
        }
    }
}
