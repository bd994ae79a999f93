package io.yima.upstream;

import io.yima.vault.Activations;
import io.yima.vault.CodeVault;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Activates bound codes upstream. The vault marks a code activation PENDING in the binding transaction; this
 * outbox coalesces pending codes into minimal ranges ({@link RangeCoalescer}), queues them as
 * {@code activation_range} rows and sends them ({@link ActivationSender}). All state lives in SQLite, so a
 * restart resumes where it stopped. One background thread runs rounds; {@link #flushNow()} runs one in the
 * caller's thread.
 */
public final class ActivationOutbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ActivationOutbox.class);

    /** What the status page shows. Codes: bound and not yet in a range / in queued ranges / activated / failed. */
    public record Backlog(long pendingCodes, long queuedRanges, long queuedCodes, long activatedRanges,
                          long activatedCodes, long failedRanges, long failedCodes, Optional<Instant> quotaWaitUntil) {
    }

    /** Told after each committed outcome, e.g. to count metrics; called on the sending thread, must not block. */
    public interface Listener {
        Listener NONE = new Listener() { };

        default void activated(long codes) {
        }

        default void activationFailed() {
        }
    }

    private final Activations activations;
    private final MarketcodeClient client;
    private final ActivationQueue queue;
    private final ActivationSender sender;
    private final Clock clock;
    private final long pollMillis;
    private final ReentrantLock round = new ReentrantLock();
    private final ReentrantLock wake = new ReentrantLock();
    private final Condition woken = wake.newCondition();
    private volatile boolean running;
    private Thread thread;

    public ActivationOutbox(CodeVault vault, MarketcodeClient client, UpstreamConfig config, Clock clock) {
        this(vault, client, config, clock, Listener.NONE);
    }

    public ActivationOutbox(CodeVault vault, MarketcodeClient client, UpstreamConfig config, Clock clock,
                            Listener listener) {
        this(vault, client, config, clock, System::nanoTime, listener);
    }

    /**
     * @param clock the wall clock: the vault's stamps, quota reset times, the coalescer's delay since binding
     * @param nanos the monotonic clock: the backoff between attempts (a wall clock set back must not stretch it)
     */
    public ActivationOutbox(CodeVault vault, MarketcodeClient client, UpstreamConfig config, Clock clock,
                            LongSupplier nanos, Listener listener) {
        this.activations = new Activations(vault);
        this.client = client;
        this.clock = clock;
        this.queue = new ActivationQueue(vault, new RangeCoalescer(config.maxRangeLength(), config.flushMaxDelay()));
        this.sender = new ActivationSender(vault, client, config, nanos, listener);
        // Rounds often enough that the flush delay is kept to within a quarter, but never busier than 20 a second.
        this.pollMillis = Math.max(50, Math.min(1_000, config.flushMaxDelay().toMillis() / 4));
    }

    /** Starts the background thread; idempotent. */
    public synchronized ActivationOutbox start() {
        if (thread == null) {
            running = true;
            thread = new Thread(this::loop, "activation-outbox");
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    /** Stops the background thread after its current call (interrupting it after 5 s); queued work stays in the vault. */
    public synchronized void stop() {
        running = false;
        Thread t = thread;
        thread = null;
        if (t != null) {
            signal();
            try {
                t.join(5_000);
                if (t.isAlive()) {
                    // Stuck in a quota wait or a slow call: the range stays QUEUED and is resent after restart.
                    t.interrupt();
                    t.join(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Wakes the background thread, e.g. after a batch of bindings or a job close. */
    public void signal() {
        wake.lock();
        try {
            woken.signalAll();
        } finally {
            wake.unlock();
        }
    }

    /** Runs one round now in the caller's thread: queue what is ready, send what is due. Returns ranges activated. */
    public int flushNow() {
        round.lock();
        try {
            queue.coalesce(clock.millis());
            return sender.sendDue(clock::millis, () -> false);
        } finally {
            round.unlock();
        }
    }

    /** Requeues every FAILED range (after the cause was fixed); returns how many. */
    public int retryFailed() {
        return activations.requeueFailed(clock.millis());
    }

    /** As {@link #retryFailed()}, without an outbox: for the CLI while the daemon's outbox does the sending. */
    public static int requeueFailed(CodeVault vault, Clock clock) {
        return new Activations(vault).requeueFailed(clock.millis());
    }

    public Backlog backlog() {
        Activations.Counts n = activations.counts();
        return new Backlog(n.pendingCodes(), n.queuedRanges(), n.queuedCodes(), n.activatedRanges(),
                n.activatedCodes(), n.failedRanges(), n.failedCodes(), client.quotaWaitUntil());
    }

    private void loop() {
        while (running) {
            round.lock();
            try {
                queue.coalesce(clock.millis());
                sender.sendDue(clock::millis, () -> !running);
            } catch (RuntimeException e) {
                // A vault or network hiccup costs one round, never the outbox.
                log.warn("activation outbox round failed: {}", e.getMessage());
            } finally {
                round.unlock();
            }
            wake.lock();
            try {
                if (running) {
                    woken.await(pollMillis, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                wake.unlock();
            }
        }
    }
}
