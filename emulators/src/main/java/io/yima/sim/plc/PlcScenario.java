package io.yima.sim.plc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one job the way a line PLC does: START, PRINT triggers at the configured rate, wait for every item's
 * result, STOP, CLOSE, wait for CLOSED. Records per item when it was triggered, printed and resolved. A job
 * started with {@code mode=STREAM} is not triggered: the edge prints ahead and names the items in its events.
 */
public final class PlcScenario implements PlcConversation.Listener {
    private static final long REPLY_TIMEOUT_MS = 5000;
    private static final int RETRIES = 100;

    private final Map<String, Item> items = new LinkedHashMap<>();
    private final List<PlcFrame> faults = new ArrayList<>();
    private final AtomicLong unknownItemEvents = new AtomicLong();
    private volatile PlcFrame closed;
    private volatile boolean stream;
    private BeforeClose beforeClose = plc -> { };
    private volatile boolean holdWhileRefused;
    /** Triggers refused (or not sent) and being fed round again; guarded by this. */
    private int refusedWaiting;

    /** What the PLC does after the last result and before it closes the job (a packing line: CLOSE_CASE). */
    @FunctionalInterface
    public interface BeforeClose {
        void run(PlcConversation plc) throws IOException, InterruptedException;
    }

    public PlcScenario beforeClose(BeforeClose step) {
        this.beforeClose = step;
        return this;
    }

    /**
     * The infeed stops while a trigger is refused (BUSY, PAUSED, STALE) or could not be sent: no new item is
     * triggered until every refused one is taken or given up, and the triggers then go on at the rate from there.
     * Without it the PLC keeps its rate and feeds each refused item round again every 100 ms, as the benchmarks
     * want (they measure that overload); a line test on a loaded machine then pays for one stall with hundreds of
     * items each retried ten times a second, which keeps the edge answering BUSY instead of printing and starves
     * the oldest items until the job is stopped.
     */
    public PlcScenario holdWhileRefused() {
        this.holdWhileRefused = true;
        return this;
    }

    private static final class Item {
        final String id;
        long index = -1;
        long triggeredAt;
        long printedAt;
        long resultAt;
        String result;
        String detail;
        int results;

        Item(String id) {
            this.id = id;
        }

        ItemOutcome outcome() {
            return new ItemOutcome(id, index, triggeredAt, printedAt, resultAt, result, detail, results);
        }
    }

    /** Listener for the conversation: pass this scenario to {@link PlcConversation}'s constructor. */
    @Override
    public synchronized void event(PlcFrame e) {
        if (stream && Set.of("PRINTED", "OK", "REJECT").contains(e.command())) {
            items.computeIfAbsent(e.field(2), Item::new);
        }
        switch (e.command()) {
            case "PRINTED" -> {
                Item it = items.get(e.field(2));
                if (it == null) {
                    unknownItemEvents.incrementAndGet();
                    return;
                }
                it.printedAt = System.nanoTime();
                try {
                    it.index = Long.parseLong(e.field(3));
                } catch (NumberFormatException x) {
                    it.index = -1;
                }
            }
            case "OK", "REJECT" -> {
                Item it = items.get(e.field(2));
                if (it == null) {
                    unknownItemEvents.incrementAndGet();
                    return;
                }
                it.results++;
                if (it.result == null || "NAK".equals(it.result)) {
                    it.result = e.command();
                    it.detail = e.field(3);
                    it.resultAt = System.nanoTime();
                }
            }
            case "FAULT", "CLEARED" -> faults.add(e);
            case "CLOSED" -> closed = e;
            default -> { }
        }
        notifyAll();
    }

    /** Drives the run on an open conversation and returns the record. */
    public ScenarioResult run(PlcConversation plc, ScenarioSpec spec) throws IOException, InterruptedException {
        List<String> start = new ArrayList<>(List.of(PlcFrame.text(spec.job()), PlcFrame.text(spec.sku()),
                PlcFrame.text(spec.batch()), Integer.toString(spec.items())));
        spec.startFields().forEach((k, v) -> start.add(k + "=" + PlcFrame.text(v)));
        stream = "STREAM".equalsIgnoreCase(spec.startFields().get("mode"));
        PlcFrame ack = plc.call(REPLY_TIMEOUT_MS, "START", start.toArray(String[]::new));
        if (!ack.command().equals("ACK")) {
            throw new IOException("edge refused START: " + ack.encode());
        }
        long interval = (long) (1e9 / spec.itemsPerSecond());
        long due = System.nanoTime();
        List<CompletableFuture<Void>> triggers = new ArrayList<>();
        for (int i = 0; i < (stream ? 0 : spec.items()); i++, due += interval) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (holdWhileRefused) {
                long heldFrom = System.nanoTime();
                synchronized (this) {
                    while (refusedWaiting > 0) {
                        wait(100);
                    }
                }
                due += System.nanoTime() - heldFrom; // the infeed restarts at its rate, no burst to catch up
            }
            String id = spec.itemId(i);
            synchronized (this) {
                items.put(id, new Item(id));
            }
            triggers.add(trigger(plc, id, 0));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLY_TIMEOUT_MS + RETRIES * 100L);
        for (CompletableFuture<Void> t : triggers) {
            try {
                t.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // recorded on the item (or still pending: then it has no result)
            }
        }
        awaitResults(spec.items(), spec.settleMillis());
        beforeClose.run(plc);
        callQuietly(plc, "STOP");
        callQuietly(plc, "CLOSE");
        synchronized (this) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(2000, spec.settleMillis()));
            while (closed == null && System.nanoTime() < end) {
                wait(100);
            }
        }
        return result(plc);
    }

    private CompletableFuture<Void> trigger(PlcConversation plc, String id, int attempt) {
        synchronized (this) {
            Item it = items.get(id);
            if (it.triggeredAt == 0) {
                it.triggeredAt = System.nanoTime();
            }
        }
        return plc.request("PRINT", PlcFrame.text(id)).handle((reply, error) -> {
            // a trigger that never left may be sent again; so may one whose reply was lost with the link: the edge
            // answers a repeated trigger with the index it issued and prints nothing (docs/plc-protocol.md). A
            // STALE item went by unlabelled; this PLC feeds it round again, as BUSY and PAUSED ones.
            String reason = error == null ? (reply.command().equals("NAK") ? reply.field(2) : null)
                    : error instanceof PlcConversation.NotSentException ? "NOT_SENT" : "LINK_LOST";
            if (reason == null) {
                refusalSettled(attempt);
                return CompletableFuture.<Void>completedFuture(null);
            }
            boolean retry = attempt < RETRIES
                    && (reason.equals("BUSY") || reason.equals("PAUSED") || reason.equals("STALE")
                    || reason.equals("NOT_SENT")
                    || reason.equals("LINK_LOST"));
            if (retry) {
                if (attempt == 0) {
                    synchronized (this) {
                        refusedWaiting++;
                    }
                }
                return CompletableFuture.runAsync(() -> { },
                        CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS))
                        .thenCompose(x -> trigger(plc, id, attempt + 1));
            }
            synchronized (this) {
                Item it = items.get(id);
                if (it.result == null) {
                    it.result = "NAK";
                    it.detail = reason;
                }
            }
            refusalSettled(attempt);
            return CompletableFuture.<Void>completedFuture(null);
        }).thenCompose(f -> f);
    }

    /** A trigger's last answer: one that had been refused before no longer holds the infeed. */
    private synchronized void refusalSettled(int attempt) {
        if (attempt > 0) {
            refusedWaiting--;
            notifyAll();
        }
    }

    private synchronized void awaitResults(int expected, long settleMillis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settleMillis);
        while (System.nanoTime() < end) {
            boolean all = items.size() >= expected && items.values().stream().allMatch(i -> i.result != null);
            if (all) {
                return;
            }
            wait(50);
        }
    }

    /** Sends a request, again while the link is down (up to the retry budget); failures show as a missing CLOSED. */
    private static void callQuietly(PlcConversation plc, String command) throws InterruptedException {
        for (int attempt = 0; attempt < RETRIES; attempt++) {
            try {
                plc.call(REPLY_TIMEOUT_MS, command);
                return;
            } catch (IOException e) {
                if (!(e instanceof PlcConversation.NotSentException)
                        && !(e.getCause() instanceof PlcConversation.NotSentException)) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private synchronized ScenarioResult result(PlcConversation plc) {
        List<ItemOutcome> out = new ArrayList<>();
        for (Item it : items.values()) {
            out.add(it.outcome());
        }
        return new ScenarioResult(out, closed, List.copyOf(faults), plc.replays(), plc.reconnects(),
                unknownItemEvents.get());
    }
}
