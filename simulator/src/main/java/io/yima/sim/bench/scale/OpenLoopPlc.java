package io.yima.sim.bench.scale;

import io.yima.sim.plc.PlcConversation;
import io.yima.sim.plc.PlcFrame;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The line PLC of the scale benchmark: one TRIGGERED job, PRINT sent on an open-loop schedule (never waiting for
 * the previous reply) and never retried, so a NAK counts as a lost item exactly as on a line whose PLC kicks the
 * product out instead of holding the belt. Then STOP, CLOSE and the CLOSED account.
 */
final class OpenLoopPlc {
    /**
     * Long on purpose: an edge whose event loop is stuck in a vault query answers HELLO and START seconds late,
     * and that is a figure to report, not a reason to abandon the run.
     */
    private static final long REPLY_TIMEOUT_MS = 120_000;

    private final String host;
    private final int port;

    OpenLoopPlc(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /**
     * Runs {@code items} triggers at {@code rate}/s and waits up to {@code settleMillis} after the last one for
     * the replies and results still outstanding.
     */
    TriggerLog.Summary run(String job, int items, double rate, String symbol, long settleMillis)
            throws IOException, InterruptedException {
        return run(job, items, rate, symbol, settleMillis, null);
    }

    /** As above; with {@code traceCsv} not null, every trigger's times are written there ({@link TriggerLog#writeCsv}). */
    TriggerLog.Summary run(String job, int items, double rate, String symbol, long settleMillis, Path traceCsv)
            throws IOException, InterruptedException {
        TriggerLog log = new TriggerLog(job + "-", items);
        long wallAt = System.currentTimeMillis();
        long nanosAt = System.nanoTime();
        PlcConversation.Listener listener = e -> log.event(e, System.nanoTime());
        try (PlcConversation plc = new PlcConversation(host, port, "BENCH-SCALE", 1000, listener)) {
            long t0 = System.nanoTime();
            plc.open(REPLY_TIMEOUT_MS);
            long t1 = System.nanoTime();
            PlcFrame ack = callAcrossReconnects(plc, "START", job, "SKU-S", "B1", Integer.toString(items),
                    "mode=TRIGGERED", "symbol=" + symbol);
            if (!ack.command().equals("ACK")) {
                throw new IOException("edge refused START: " + ack.encode());
            }
            System.out.printf("  job %s: HELLO answered in %.0f ms, START in %.0f ms%n", job, (t1 - t0) / 1e6,
                    (System.nanoTime() - t1) / 1e6);
            TriggerSchedule schedule = new TriggerSchedule(System.nanoTime(), rate);
            for (int i = 0; i < items; i++) {
                schedule.awaitDue(i);
                int item = i;
                log.sent(i, schedule.dueNanos(i), System.nanoTime());
                // The reply is timed on the link's reader thread, where the future completes.
                plc.request("PRINT", log.itemId(i)).whenComplete((reply, error) -> {
                    long at = System.nanoTime();
                    if (error != null) {
                        log.failed(item, "LINK:" + error.getClass().getSimpleName(), at);
                    } else {
                        log.reply(item, reply, at);
                    }
                });
            }
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settleMillis);
            while (!log.settled() && System.nanoTime() < end) {
                TimeUnit.MILLISECONDS.sleep(50); // a benchmark's poll for stragglers, not synchronisation
            }
            quietly(plc, "STOP");
            quietly(plc, "CLOSE");
            if (plc.reconnects() > 0) {
                System.out.printf("  job %s: the edge dropped the PLC link; %d reconnect attempt(s)%n", job,
                        plc.reconnects());
            }
        }
        if (traceCsv != null) {
            log.writeCsv(traceCsv, wallAt, nanosAt);
        }
        return log.summary();
    }

    /**
     * A request sent again when the link dropped before its reply, as a real PLC does: an edge that misses the
     * PLC's pings while its loop is stuck closes the link, and START/STOP/CLOSE are safe to repeat (the edge
     * acknowledges a repeated START of the same job again).
     */
    private static PlcFrame callAcrossReconnects(PlcConversation plc, String command, String... fields)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLY_TIMEOUT_MS);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            try {
                return plc.call(Math.max(1, left), command, fields);
            } catch (IOException e) {
                if (left <= 0 || e.getMessage().startsWith("no reply")) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(200); // the conversation reconnects by itself meanwhile
            }
        }
    }

    /** STOP/CLOSE are housekeeping here: a refusal (e.g. no job left) must not lose the figures. */
    private static void quietly(PlcConversation plc, String command) throws InterruptedException {
        try {
            callAcrossReconnects(plc, command);
        } catch (IOException e) {
            System.err.println("bench-scale: " + command + " failed: " + e.getMessage());
        }
    }
}
