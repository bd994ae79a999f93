package io.yima.drivers.transport;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.yima.drivers.printer.Health;
import io.yima.drivers.printer.PrinterProtocol;
import io.yima.drivers.printer.PrinterStatus;
import io.yima.drivers.printer.StatusReader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A printer over any {@link Connector}: polls status, turns replies into ONLINE / FAULT, and a poll
 * left unanswered into FAULT "no status reply" (Zebras go silent when the head is open or media is out). After
 * {@value #DEAD_AFTER_SILENT_POLLS} silent polls in a row the link is treated as dead and rebuilt, which is how a
 * power-cycled printer behind a half-open TCP connection is found again.
 *
 * <p>Two cadences: the busy one while the printer has labels to print (one was sent within the last
 * {@value #BUSY_HOLD_MS} ms, or its last reply counted labels still queued), so that a fault in the middle of a
 * job is heard within a fraction of a second and few labels go into a printer that cannot print them; the
 * configured (slower) one while it is idle.
 */
final class PrinterLink extends SupervisedLink implements PrinterSession {
    private static final Logger LOG = LoggerFactory.getLogger(PrinterLink.class);
    static final int DEAD_AFTER_SILENT_POLLS = 3;

    private final PrinterProtocol protocol;
    private final Duration pollInterval;
    /** The interval while the printer has labels in hand; never longer than {@link #pollInterval}. */
    private final Duration busyPollInterval;
    /** How long after the last label sent the printer counts as busy (it prints what it was just sent). */
    static final long BUSY_HOLD_MS = 1000;
    private long lastSendNanos;
    private boolean sentAny;
    /** The last reply's count of labels the printer still holds (0 where it does not say). */
    private int lastQueued;
    /** When the next regular poll is due. */
    private long nextPollNanos;
    private final Duration statusTimeout;
    private final List<Runnable> writabilityListeners = new CopyOnWriteArrayList<>();
    private volatile PrinterStatus lastStatus = PrinterStatus.unknown("not polled yet");
    private ScheduledFuture<?> pollTask;
    private ScheduledFuture<?> timeoutTask;
    private StatusReader reader;
    private int silentPolls;
    /** Labels handed to the connector on this session, counted on {@link #executor} in wire order. */
    private long labelsSent;
    /** {@link #labelsSent} when the pending poll's query was written: the labels the reply can account for. */
    private long labelsAtQuery;
    private final List<StatusListener> statusListeners = new CopyOnWriteArrayList<>();
    /** Extra polls asked for by {@link #pollSoon()} are at least this far apart. */
    static final long SOON_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private long lastPollNanos;
    private ScheduledFuture<?> soonTask;

    PrinterLink(Connector connector, PrinterProtocol protocol, Duration pollInterval, Duration busyPollInterval,
                Duration statusTimeout, EventExecutor executor, LinkListener listener, Backoff backoff) {
        super(connector, executor, listener, backoff);
        this.protocol = protocol;
        this.pollInterval = pollInterval;
        this.busyPollInterval = busyPollInterval == null || busyPollInterval.isZero() || busyPollInterval.isNegative()
                || pollInterval == null || busyPollInterval.compareTo(pollInterval) > 0
                ? pollInterval : busyPollInterval;
        this.statusTimeout = statusTimeout;
    }

    /**
     * Hops to the link's executor, where polls are written too, so that the count of labels written before a
     * status query is exact: a reply accounts for exactly the labels written before its query.
     */
    @Override
    public CompletableFuture<Void> send(byte[] label) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                labelsSent++;
                lastSendNanos = System.nanoTime();
                sentAny = true;
                pollBusySoon();
                connector.send(label).whenComplete((ok, error) -> {
                    if (error == null) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(error);
                    }
                });
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.completeExceptionally(new java.io.IOException("printer session closed"));
        }
        return done;
    }

    @Override
    public void cancelQueued() {
        if (protocol == null) {
            return;
        }
        try {
            executor.execute(() -> connector.send(protocol.cancelQueued()));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("cancel after close ignored");
        }
    }

    /**
     * A poll ahead of the interval (the line waits for the printer to print): at once when the last poll is
     * {@value #SOON_NANOS} ns old and none is in flight, else as soon as that is so. Without it a line held by
     * its send-ahead limit could move at most that many labels per poll interval.
     */
    @Override
    public void pollSoon() {
        if (protocol == null) {
            return;
        }
        try {
            executor.execute(() -> {
                if (pollTask == null || soonTask != null) {
                    return; // not polling (no link, or polling off) or one already due
                }
                long wait = lastPollNanos + SOON_NANOS - System.nanoTime();
                if (wait <= 0 && reader == null) {
                    poll();
                } else {
                    soonTask = executor.schedule(() -> {
                        soonTask = null;
                        if (pollTask != null) {
                            poll();
                        }
                    }, Math.max(wait, SOON_NANOS / 5), TimeUnit.NANOSECONDS);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("poll after close ignored");
        }
    }

    @Override
    public void onStatus(StatusListener listener) {
        statusListeners.add(listener);
    }

    /**
     * Also false while the printer reports a fault: the line hears of the fault through its own thread, which may
     * lag behind under load, and every label written meanwhile goes into a printer that cannot print it.
     */
    @Override
    public boolean isWritable() {
        return connector.isWritable() && state() != LinkState.FAULT;
    }

    @Override
    public void onWritabilityChanged(Runnable r) {
        writabilityListeners.add(r);
    }

    @Override
    protected void onWritabilityChanged(boolean writable) {
        for (Runnable r : writabilityListeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("writability listener failed", e);
            }
        }
    }

    @Override
    public PrinterStatus lastStatus() {
        return lastStatus;
    }

    @Override
    protected void onConnected() {
        silentPolls = 0;
        lastQueued = 0; // a new connection (maybe a power-cycled printer): its queue is told by its first reply
        if (protocol == null || pollInterval == null || pollInterval.isZero() || pollInterval.isNegative()) {
            transition(LinkState.ONLINE, "connected", null);
            return;
        }
        nextPollNanos = System.nanoTime();
        pollTask = executor.schedule(this::regularPoll, 0, TimeUnit.NANOSECONDS);
    }

    /** The regular poll: asks, then schedules the next one at the busy or the idle interval. */
    private void regularPoll() {
        if (pollTask == null) {
            return; // polling stopped (link lost, closing) after this run was due
        }
        poll();
        if (pollTask == null) {
            return; // the query's write found the link gone
        }
        long now = System.nanoTime();
        nextPollNanos = now + interval(now).toNanos();
        pollTask = executor.schedule(this::regularPoll, nextPollNanos - now, TimeUnit.NANOSECONDS);
    }

    private Duration interval(long now) {
        return busy(now) ? busyPollInterval : pollInterval;
    }

    private boolean busy(long now) {
        return lastQueued > 0 || sentAny && now - lastSendNanos < TimeUnit.MILLISECONDS.toNanos(BUSY_HOLD_MS);
    }

    /** A label was sent while the idle cadence was scheduled: bring the next poll forward to the busy cadence. */
    private void pollBusySoon() {
        if (pollTask == null || busyPollInterval.equals(pollInterval)) {
            return;
        }
        long due = lastPollNanos + busyPollInterval.toNanos();
        if (nextPollNanos - due > 0) {
            pollTask.cancel(false);
            long now = System.nanoTime();
            nextPollNanos = Math.max(now, due);
            pollTask = executor.schedule(this::regularPoll, nextPollNanos - now, TimeUnit.NANOSECONDS);
        }
    }

    private void poll() {
        if (reader != null) {
            return; // previous poll still within its timeout
        }
        StatusReader r = protocol.newStatusReader();
        reader = r;
        lastPollNanos = System.nanoTime();
        labelsAtQuery = labelsSent;
        connector.send(protocol.statusQuery());
        timeoutTask = executor.schedule(() -> pollTimedOut(r), statusTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void onReceived(byte[] data) {
        StatusReader r = reader;
        if (r == null) {
            return; // unsolicited bytes (e.g. automatic status back) outside a poll
        }
        PrinterStatus s = r.offer(data, 0, data.length);
        if (s != null) {
            reader = null;
            timeoutTask.cancel(false);
            silentPolls = 0;
            report(s);
        }
    }

    private void pollTimedOut(StatusReader r) {
        if (reader != r) {
            return;
        }
        reader = null;
        PrinterStatus partial = r.partial();
        if (partial != null && partial.health() != Health.UNKNOWN) {
            report(partial);
            return;
        }
        silentPolls++;
        lastStatus = PrinterStatus.unknown("no status reply");
        transition(LinkState.FAULT, "no status reply within " + statusTimeout.toMillis() + " ms", lastStatus);
        if (silentPolls >= DEAD_AFTER_SILENT_POLLS) {
            abandon(silentPolls + " status polls unanswered, reconnecting");
        }
    }

    private void report(PrinterStatus s) {
        lastStatus = s;
        Integer queued = s.labelsQueued();
        lastQueued = queued == null ? 0 : queued;
        for (StatusListener l : statusListeners) {
            try {
                l.onStatus(s, labelsAtQuery);
            } catch (RuntimeException e) {
                LOG.warn("status listener failed", e);
            }
        }
        switch (s.health()) {
            case READY -> transition(LinkState.ONLINE, s.detail(), s);
            case FAULT -> transition(LinkState.FAULT, s.detail(), s);
            case UNKNOWN -> transition(LinkState.FAULT, "unreadable status reply: " + s.detail(), s);
        }
    }

    @Override
    protected void onLinkLost() {
        cancelPolling();
    }

    @Override
    protected void onClosing() {
        cancelPolling();
    }

    private void cancelPolling() {
        if (pollTask != null) {
            pollTask.cancel(false);
            pollTask = null;
        }
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
            timeoutTask = null;
        }
        if (soonTask != null) {
            soonTask.cancel(false);
            soonTask = null;
        }
        reader = null;
    }
}
