package io.yima.export;

import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.yima.vault.ExportOutbox;
import io.yima.vault.ExportOutbox.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the vault's export outbox to the broker on a thread of its own ({@code mqtt-export}; never a Netty loop,
 * since it reads SQLite). In seq order it publishes a window of at most {@code max_in_flight} events at no more
 * than {@code max_events_per_second}, waits for their PUBACKs in order, and commits the cursor to the last event
 * acknowledged without a gap. On a failure or timeout it starts again from the cursor once the link is back: an
 * event may reach the broker twice (same event id), never out of order among first deliveries, never not at all.
 */
final class ExportDrainer implements AutoCloseable {
    static final String CURSOR = "mqtt";
    private static final Logger log = LoggerFactory.getLogger(ExportDrainer.class);
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** Housekeeping (backlog figures, retained states, pruning) once a second, timed on the monotonic clock. */
    private static final long HOUSEKEEPING_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ExportOutbox outbox;
    private final MqttLink link;
    private final EpcisEvents epcis;
    private final Topics topics;
    private final ExportConfig.Mqtt config;
    private final ExportStats stats;
    private final Runnable housekeeping;
    private final Thread thread;
    private final long minGapNanos;
    private volatile boolean running = true;
    private long nextSendNanos;
    private long lastHousekeeping = System.nanoTime() - HOUSEKEEPING_NANOS;

    ExportDrainer(ExportOutbox outbox, MqttLink link, EpcisEvents epcis, Topics topics, ExportConfig.Mqtt config,
                  ExportStats stats, Runnable housekeeping) {
        this.outbox = outbox;
        this.link = link;
        this.epcis = epcis;
        this.topics = topics;
        this.config = config;
        this.stats = stats;
        this.housekeeping = housekeeping;
        this.minGapNanos = (long) (1e9 / config.maxEventsPerSecond());
        this.thread = new Thread(this::run, "mqtt-export");
        thread.setDaemon(true);
    }

    ExportDrainer start() {
        thread.start();
        return this;
    }

    /** New events may be committed: wake the drain now (non-blocking; safe on a line's thread). */
    void signal() {
        LockSupport.unpark(thread);
    }

    private void run() {
        long committed = -1;
        while (running) {
            try {
                if (committed < 0) {
                    committed = outbox.cursor(CURSOR); // inside the loop: a busy vault at start is retried
                    stats.acknowledged(committed);
                }
                if (System.nanoTime() - lastHousekeeping >= HOUSEKEEPING_NANOS) {
                    // not the wall clock: set back an hour, it held the backlog figures still for that hour
                    lastHousekeeping = System.nanoTime();
                    stats.backlog(outbox.backlog(CURSOR));
                    housekeeping.run();
                }
                if (!link.online()) {
                    LockSupport.parkNanos(IDLE_POLL_NANOS);
                    continue;
                }
                List<Record> batch = outbox.after(committed, config.maxInFlight());
                if (batch.isEmpty()) {
                    LockSupport.parkNanos(IDLE_POLL_NANOS);
                    continue;
                }
                long acked = sendWindow(batch, committed);
                if (acked > committed) {
                    outbox.acknowledge(CURSOR, acked);
                    committed = acked;
                    stats.acknowledged(committed);
                }
                if (acked < batch.get(batch.size() - 1).seq()) {
                    LockSupport.parkNanos(config.reconnectMin().toNanos()); // not straight back at a refusing broker
                }
            } catch (RuntimeException e) {
                // a vault fault (busy, disk full) or a payload problem: say so, wait, try again from the cursor
                log.warn("MQTT export: {}; retrying in 1s", MqttLink.describe(e));
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    /** Publishes the window; returns the highest seq acknowledged without a gap before it (or {@code from}). */
    private long sendWindow(List<Record> batch, long from) {
        List<CompletableFuture<Mqtt5PublishResult>> sent = new ArrayList<>(batch.size());
        for (Record r : batch) {
            pace();
            if (!running) {
                break;
            }
            sent.add(link.publish(topics.events(r.line()), epcis.payload(r), epcis.eventId(r.seq()), r.seq()));
            stats.published();
        }
        long acked = from;
        long deadline = System.nanoTime() + config.ackTimeout().toNanos();
        for (int i = 0; i < sent.size(); i++) {
            Record r = batch.get(i);
            try {
                Mqtt5PublishResult result = sent.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                refusal(result);
                acked = r.seq();
                stats.delivered(System.currentTimeMillis() - r.ts());
            } catch (ExecutionException | TimeoutException e) {
                stats.resent(sent.size() - i);
                log.info("MQTT export: event {} not acknowledged ({}); resending from there once the broker is back",
                        r.seq(), e instanceof TimeoutException ? "no answer in " + config.ackTimeout().toMillis() + "ms"
                                : MqttLink.describe(e));
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
                break;
            }
        }
        return acked;
    }

    /**
     * HiveMQ completes a publish normally even when it failed (the connection closed before the PUBACK) and puts
     * the failure in the result; a PUBACK with an error reason code (not authorized, quota exceeded) is no
     * acknowledgement either. Both throw, so the window is sent again.
     */
    private static void refusal(Mqtt5PublishResult result) throws ExecutionException {
        if (result.getError().isPresent()) {
            throw new ExecutionException(result.getError().get());
        }
        if (result instanceof Mqtt5PublishResult.Mqtt5Qos1Result q && q.getPubAck().getReasonCode().isError()) {
            throw new ExecutionException(new IllegalStateException("the broker refused the event: "
                    + q.getPubAck().getReasonCode().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
        }
    }

    /** The rate bound: at most one publish per {@code 1/max_events_per_second}. */
    private void pace() {
        long now = System.nanoTime();
        while (running && nextSendNanos - now > 0) {
            LockSupport.parkNanos(nextSendNanos - now); // a signal() may wake it early: wait out the rest
            now = System.nanoTime();
        }
        nextSendNanos = Math.max(now, nextSendNanos) + minGapNanos;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(config.ackTimeout().toMillis() + 2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
