package io.yima.drivers.transport;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.yima.drivers.printer.PrinterStatus;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one {@link Connector} connected: connects on {@link #start}, reconnects with capped exponential backoff after
 * every drop or failed attempt, reports transitions. All state lives on one event executor, so subclasses need
 * no locks as long as they touch state only from the {@code on...} hooks.
 */
public abstract class SupervisedLink {
    private static final Logger LOG = LoggerFactory.getLogger(SupervisedLink.class);

    protected final Connector connector;
    protected final EventExecutor executor;
    private final LinkListener listener;
    private final Backoff backoff;
    private volatile LinkState state = LinkState.UNKNOWN;
    private String reason = "";
    private volatile boolean closed;
    private boolean started;
    private int attempt;
    private ScheduledFuture<?> reconnect;
    private ScheduledFuture<?> presenceWatch;
    private long generation; // increments per connect so late events of an old link are ignored

    protected SupervisedLink(Connector connector, EventExecutor executor, LinkListener listener, Backoff backoff) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.listener = listener == null ? (s, r, st) -> { } : listener;
        this.backoff = backoff;
    }

    public void start() {
        onExecutor(() -> {
            if (!started && !closed) {
                started = true;
                connect();
            }
        });
    }

    public void close() {
        closed = true;
        onExecutor(() -> {
            if (reconnect != null) {
                reconnect.cancel(false);
            }
            if (presenceWatch != null) {
                presenceWatch.cancel(false);
            }
            generation++;
            onClosing();
            connector.disconnect();
            connector.release();
            transition(LinkState.OFFLINE, "closed", null);
        });
    }

    public LinkState state() {
        return state;
    }

    protected boolean closed() {
        return closed;
    }

    private void connect() {
        if (closed) {
            return;
        }
        long gen = ++generation;
        connector.connect(new Connector.Events() {
            @Override
            public void onBytes(byte[] data, int off, int len) {
                byte[] copy = off == 0 && len == data.length ? data : java.util.Arrays.copyOfRange(data, off, off + len);
                onExecutor(() -> {
                    if (gen == generation) {
                        onReceived(copy);
                    }
                });
            }

            @Override
            public void onDisconnected(String why) {
                onExecutor(() -> {
                    if (gen == generation) {
                        dropped(why);
                    }
                });
            }

            @Override
            public void onWritabilityChanged(boolean writable) {
                SupervisedLink.this.onWritabilityChanged(writable);
            }
        }).whenComplete((v, err) -> onExecutor(() -> {
            if (gen != generation) {
                return;
            }
            if (err != null) {
                dropped("cannot connect to " + connector.describe() + ": " + message(err));
            } else if (closed) {
                connector.disconnect();
            } else {
                attempt = 0;
                LOG.info("{} connected", connector.describe());
                if (connector instanceof SerialConnector serial) {
                    presenceWatch = executor.scheduleWithFixedDelay(serial::checkPresent, 500, 500, TimeUnit.MILLISECONDS);
                }
                onConnected();
            }
        }));
    }

    private void dropped(String why) {
        generation++;
        if (presenceWatch != null) {
            presenceWatch.cancel(false);
            presenceWatch = null;
        }
        onLinkLost();
        transition(LinkState.OFFLINE, why, null);
        if (closed) {
            return;
        }
        long delay = backoff.delay(attempt++).toMillis();
        LOG.debug("{}: {}; reconnecting in {} ms", connector.describe(), why, delay);
        reconnect = executor.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Ends the current link from inside (e.g. a dead peer); the usual reconnect follows. */
    protected void abandon(String why) {
        connector.disconnect();
        dropped(why);
    }

    protected void transition(LinkState next, String why, PrinterStatus status) {
        boolean changed = next != state || (next != LinkState.ONLINE && !Objects.equals(why, reason));
        state = next;
        reason = why;
        if (!changed) {
            return;
        }
        LOG.info("{} {}: {}", connector.describe(), next, why);
        try {
            listener.onStateChange(next, why, status);
        } catch (RuntimeException e) {
            LOG.warn("link listener failed on {} {}", next, why, e);
        }
    }

    protected void onExecutor(Runnable r) {
        if (executor.inEventLoop()) {
            r.run();
        } else {
            executor.execute(r);
        }
    }

    static String message(Throwable t) {
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }

    /** The link is up. */
    protected abstract void onConnected();

    /** Bytes from the device, on the executor. */
    protected abstract void onReceived(byte[] data);

    /** The link is gone (dropped or abandoned); cancel what depends on it. */
    protected abstract void onLinkLost();

    /** Called on close before the connector is disconnected. */
    protected void onClosing() {
    }

    /** Called from an I/O thread. */
    protected void onWritabilityChanged(boolean writable) {
    }
}
