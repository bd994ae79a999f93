package io.yima.sim.plc;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PLC's side of the conversation: numbered requests answered by {@code ACK}/{@code NAK}, numbered events
 * acknowledged and handed to a listener exactly once, {@code PING} when idle, and after a lost link a reconnect
 * with {@code HELLO,…,last-event} so the edge replays what was missed.
 */
public final class PlcConversation implements Closeable {
    static final Set<String> EVENTS = Set.of("PRINTED", "OK", "REJECT", "FAULT", "CLEARED", "CLOSED", "HB",
            "CASE_PACKED", "CASE_REJECTED", "PALLET_PACKED", "PALLET_REJECTED");

    /** A request that never left this side (no link): safe to send again, unlike one whose reply was lost. */
    public static final class NotSentException extends IOException {
        NotSentException(String message) {
            super(message);
        }
    }

    /** Receives each event once, in order. */
    public interface Listener {
        void event(PlcFrame event);

        default void linkChanged(boolean up) {
        }
    }

    private final String host;
    private final int port;
    private final String plcId;
    private final Listener listener;
    private final long heartbeatNanos;
    private final Map<Long, CompletableFuture<PlcFrame>> pending = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong replays = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final List<PlcFrame> received = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "plc-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile PlcLink link;
    /** HELLO answered on the current link: until then only HELLO may go out (the edge NAKs others NO_HELLO). */
    private volatile boolean ready;
    private volatile long lastEvent;
    private volatile boolean running = true;
    private volatile PlcFrame helloReply;
    /** The protocol version HELLO asks for: "2" hears the case events of a packing line. */
    private volatile String version = "1";

    public PlcConversation(String host, int port, String plcId, long heartbeatMillis, Listener listener) {
        this.host = host;
        this.port = port;
        this.plcId = plcId;
        this.listener = listener;
        this.heartbeatNanos = TimeUnit.MILLISECONDS.toNanos(heartbeatMillis);
    }

    /** Speak protocol version {@code v} ("1" or "2") from the next HELLO on; before {@link #open}. */
    public PlcConversation version(String v) {
        this.version = v;
        return this;
    }

    /** Connects and says HELLO; fails when the edge is not there or refuses. */
    public PlcFrame open(long timeoutMillis) throws IOException {
        connect(timeoutMillis);
        long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(50), heartbeatNanos / 2);
        timer.scheduleWithFixedDelay(this::heartbeat, tick, tick, TimeUnit.NANOSECONDS);
        return helloReply;
    }

    private synchronized void connect(long timeoutMillis) throws IOException {
        ready = false;
        link = null;
        link = PlcLink.open(host, port, this::received, this::lost);
        PlcFrame reply = lastEvent > 0
                ? call(timeoutMillis, "HELLO", version, plcId, Long.toString(lastEvent))
                : call(timeoutMillis, "HELLO", version, plcId);
        if (!reply.command().equals("ACK")) {
            throw new IOException("edge refused HELLO: " + reply.encode());
        }
        helloReply = reply;
        ready = true;
        listener.linkChanged(true);
    }

    /** Sends a request; the future completes with its ACK or NAK, or fails when the link drops first. */
    public CompletableFuture<PlcFrame> request(String command, String... fields) {
        long n = seq.updateAndGet(s -> s >= 99_999_999 ? 1 : s + 1);
        List<String> f = new ArrayList<>();
        f.add(command);
        f.add(Long.toString(n));
        f.addAll(List.of(fields));
        CompletableFuture<PlcFrame> reply = new CompletableFuture<>();
        pending.put(n, reply);
        PlcLink l = link;
        try {
            if (l == null || !l.isOpen() || (!ready && !command.equals("HELLO"))) {
                throw new IOException("not connected");
            }
            l.send(new PlcFrame(f));
        } catch (IOException e) {
            pending.remove(n);
            reply.completeExceptionally(new NotSentException(command + " not sent: " + e.getMessage()));
        }
        return reply;
    }

    /** {@link #request} and wait for the reply. */
    public PlcFrame call(long timeoutMillis, String command, String... fields) throws IOException {
        try {
            return request(command, fields).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + command);
        } catch (ExecutionException e) {
            throw new IOException(command + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no reply to " + command + " within " + timeoutMillis + " ms");
        }
    }

    private void received(PlcFrame frame) {
        synchronized (received) {
            if (received.size() < 100_000) {
                received.add(frame);
            }
        }
        String cmd = frame.command();
        if (cmd.equals("ACK") || cmd.equals("NAK")) {
            CompletableFuture<PlcFrame> reply = pending.remove(frame.number());
            if (reply != null) {
                reply.complete(frame);
            }
            return;
        }
        if (EVENTS.contains(cmd)) {
            long ev = frame.number();
            acknowledge(ev);
            if (ev <= lastEvent) {
                replays.incrementAndGet(); // replayed after a reconnect, already handled
                return;
            }
            lastEvent = ev;
            listener.event(frame);
        }
    }

    private void acknowledge(long ev) {
        PlcLink l = link;
        if (l != null && ev > 0) {
            try {
                l.send(PlcFrame.of("ACK", Long.toString(ev)));
            } catch (IOException e) {
                // the link is going down; the edge replays on reconnect
            }
        }
    }

    private void lost() {
        ready = false;
        for (Long n : pending.keySet()) {
            CompletableFuture<PlcFrame> f = pending.remove(n);
            if (f != null) {
                f.completeExceptionally(new IOException("link lost"));
            }
        }
        listener.linkChanged(false);
        if (running) {
            timer.schedule(this::reconnect, 300, TimeUnit.MILLISECONDS);
        }
    }

    private void reconnect() {
        if (!running) {
            return;
        }
        try {
            reconnects.incrementAndGet();
            connect(3000);
        } catch (IOException e) {
            PlcLink l = link;
            if (l != null) {
                l.close(); // lost() schedules the next attempt
            } else {
                timer.schedule(this::reconnect, 500, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void heartbeat() {
        PlcLink l = link;
        if (l != null && l.isOpen() && l.nanosSinceSent() >= heartbeatNanos) {
            request("PING");
        }
    }

    /** Breaks the TCP connection as a pulled cable would; the conversation reconnects by itself. */
    public void pullCable() {
        PlcLink l = link;
        if (l != null) {
            l.close();
        }
    }

    public long lastEvent() {
        return lastEvent;
    }

    /**
     * A technician resets the PLC's event counter: the next HELLO says 0 (after the edge lost its vault, its event
     * numbers start again from what the vault kept, and a higher last-event is refused).
     */
    public void forgetEvents() {
        lastEvent = 0;
    }

    public long replays() {
        return replays.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    /** Linked and greeted: the edge answered HELLO, so requests can be sent. */
    public boolean connected() {
        PlcLink l = link;
        return l != null && l.isOpen() && ready;
    }

    /** Every frame received, for tests and reports (bounded). */
    public List<PlcFrame> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        running = false;
        timer.shutdownNow();
        PlcLink l = link;
        if (l != null) {
            l.close();
        }
    }
}
