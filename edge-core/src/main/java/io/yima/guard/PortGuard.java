package io.yima.guard;

import io.netty.channel.Channel;
import io.yima.drivers.transport.ConnectionGate;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening port's fence: the allow-list and the cap on concurrent connections checked as each connection
 * is accepted, and every refusal — connection or request — counted in the metrics and written to the log at a
 * bounded rate ({@link RefusalLog}).
 */
public final class PortGuard implements ConnectionGate {
    private static final Logger LOG = LoggerFactory.getLogger(PortGuard.class);
    public static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private final String port;
    private final int maxConnections;
    private final AddressAllowList allow;
    private final RefusalCounters counters;
    private final RefusalLog log;
    private final AtomicInteger open = new AtomicInteger();

    /**
     * @param port  the metrics' name of the port ({@code plc:L1}, {@code status})
     * @param words the log's name of the port ({@code line L1 PLC port})
     */
    public PortGuard(String port, String words, int maxConnections, AddressAllowList allow, RefusalCounters counters,
                     ScheduledExecutorService timer) {
        this.port = port;
        this.maxConnections = maxConnections;
        this.allow = allow;
        this.counters = counters;
        this.log = new RefusalLog(LOG, words, LOG_INTERVAL, timer);
    }

    /**
     * Called first for every accepted connection: false when it was refused and closed (not on the allow-list,
     * or the port already holds {@code maxConnections}).
     */
    @Override
    public boolean admit(Channel ch) {
        SocketAddress remote = ch.remoteAddress();
        if (remote instanceof InetSocketAddress a && !allow.allows(a.getAddress())) {
            refuse(ch, "not_allowed", "not on the allow list");
            return false;
        }
        if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            refuse(ch, "over_cap", "the port already holds " + maxConnections + " connections");
            return false;
        }
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        return true;
    }

    /**
     * A peer connecting again while its old connection is held (a device that restarted): if it may connect at all,
     * {@code ch} takes a place at once, and {@code stale}, which the caller closes next, frees its own — until then
     * the port holds one more than its cap, so no other peer can slip into the place in between.
     */
    @Override
    public boolean replace(Channel ch, Channel stale) {
        SocketAddress remote = ch.remoteAddress();
        if (remote instanceof InetSocketAddress a && !allow.allows(a.getAddress())) {
            refuse(ch, "not_allowed", "not on the allow list");
            return false;
        }
        open.incrementAndGet();
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        return true;
    }

    /** Closes a connection the port gives up on ({@code no_hello}, {@code idle}, {@code in_use} …). */
    public void refuse(Channel ch, String reason, String detail) {
        counters.connectionRefused(port, reason);
        log.refused("connection", reason, peer(ch.remoteAddress()), detail);
        ch.close();
    }

    /** Closes a connection for a reason already logged by the caller in its own words: counted, not logged again. */
    public void close(Channel ch, String reason) {
        counters.connectionRefused(port, reason);
        ch.close();
    }

    /** A frame or request answered with a refusal; the connection stays. */
    public void refusedRequest(Channel ch, String reason, String detail) {
        counters.requestRefused(port, reason);
        log.refused("request", reason, peer(ch.remoteAddress()), detail);
    }

    public int openConnections() {
        return open.get();
    }

    /** {@code 10.0.0.5:51234}, {@code [fd00::5]:51234}: how a technician writes a peer. */
    public static String peer(SocketAddress address) {
        if (address instanceof InetSocketAddress a && a.getAddress() != null) {
            String host = a.getAddress().getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
        }
        return String.valueOf(address);
    }
}
