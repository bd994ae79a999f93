package io.yima.ops;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings the systemd watchdog only while the daemon can really work. The check runs as a task on the Netty event
 * loop that carries the PLC, devices and status port, so a stuck loop stops the pings; the check itself proves
 * the vault writable. Only then is WATCHDOG=1 handed to a sender thread (spawning systemd-notify must not stall
 * the loop). No pings for {@code WatchdogSec} and systemd restarts the service.
 */
public final class Watchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    private final ScheduledFuture<?> task;
    private final ExecutorService sender;

    private Watchdog(ScheduledFuture<?> task, ExecutorService sender) {
        this.task = task;
        this.sender = sender;
    }

    /**
     * The ping interval systemd asks for: half of {@code WATCHDOG_USEC}, as sd_watchdog_enabled(3) advises;
     * empty when the watchdog is off or meant for another process ({@code WATCHDOG_PID}).
     */
    public static Optional<Duration> interval(Map<String, String> env, long ownPid) {
        String usec = env.get("WATCHDOG_USEC");
        String pid = env.get("WATCHDOG_PID");
        if (usec == null || (pid != null && !pid.equals(Long.toString(ownPid)))) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(usec.strip());
            return micros > 0 ? Optional.of(Duration.ofNanos(micros * 1000 / 2)) : Optional.empty();
        } catch (NumberFormatException e) {
            LOG.warn("ignoring WATCHDOG_USEC={}: not a number", usec);
            return Optional.empty();
        }
    }

    /** Starts pinging every {@code interval} while {@code vaultWritable} holds, checked on {@code loop}. */
    public static Watchdog start(EventLoop loop, Duration interval, BooleanSupplier vaultWritable,
                                 ServiceNotifier notifier) {
        ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "watchdog-ping");
            t.setDaemon(true);
            return t;
        });
        long nanos = interval.toNanos();
        ScheduledFuture<?> task = loop.scheduleAtFixedRate(() -> {
            boolean ok;
            try {
                ok = vaultWritable.getAsBoolean();
            } catch (RuntimeException e) {
                ok = false;
            }
            if (ok) {
                sender.execute(notifier::watchdog);
            } else {
                LOG.error("watchdog: vault not writable, withholding the ping; systemd will restart the edge");
                sender.execute(() -> notifier.status("vault not writable"));
            }
        }, 0, nanos, TimeUnit.NANOSECONDS);
        return new Watchdog(task, sender);
    }

    @Override
    public void close() {
        task.cancel(false);
        sender.shutdown();
    }
}
