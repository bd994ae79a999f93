package io.yima.modbus;

import io.netty.channel.Channel;
import io.yima.guard.PortGuard;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Modbus server port's connections, treated like the ASCII PLC port's peers: at most {@code max} at a time; a
 * new connection from a host closes that host's connections that have sent nothing for a heartbeat (what a PLC
 * leaves behind when it is power-cycled or its cable pulled: half-open connections nobody will ever use again);
 * and one host writes the PLC area — the <em>writer</em>. A write from another host is refused while the writer
 * is connected, unless {@code takeover} is configured, so two clients never share one trigger mailbox and
 * never read each other's echo. Reads stay open to every connection (an HMI may watch the block).
 */
final class ModbusPeers {
    private static final Logger log = LoggerFactory.getLogger(ModbusPeers.class);

    private static final class Peer {
        final Channel channel;
        final InetAddress host;
        volatile long lastRequest = System.nanoTime();

        Peer(Channel channel, InetAddress host) {
            this.channel = channel;
            this.host = host;
        }
    }

    private final String lineId;
    private final int max;
    private final Duration heartbeat;
    private final boolean takeover;
    private final PortGuard guard;
    private final Map<SocketAddress, Peer> peers = new LinkedHashMap<>();
    private InetAddress writer;

    ModbusPeers(String lineId, int max, Duration heartbeat, boolean takeover, PortGuard guard) {
        this.lineId = lineId;
        this.max = max;
        this.heartbeat = heartbeat;
        this.takeover = takeover;
        this.guard = guard;
    }

    /** Called for each accepted connection: false when it was refused and closed (the port is full). */
    boolean admit(Channel ch) {
        SocketAddress remote = ch.remoteAddress();
        InetAddress host = host(remote);
        List<Peer> stale = new ArrayList<>();
        String full = null;
        synchronized (this) {
            long now = System.nanoTime();
            for (Peer p : peers.values()) {
                if (Objects.equals(p.host, host) && now - p.lastRequest >= heartbeat.toNanos()) {
                    stale.add(p);
                }
            }
            for (Peer p : stale) {
                peers.remove(p.channel.remoteAddress());
            }
            if (peers.size() >= max) {
                full = hosts(peers.values());
            } else {
                peers.put(remote, new Peer(ch, host));
            }
        }
        for (Peer p : stale) {
            guard.refuse(p.channel, "replaced", "the same host connected again; this connection had sent nothing for "
                    + (System.nanoTime() - p.lastRequest) / 1_000_000 + " ms");
        }
        if (full != null) {
            guard.refuse(ch, "over_cap", "the port already holds " + max + " connections (from " + full + ")");
            return false;
        }
        ch.closeFuture().addListener(f -> closed(ch));
        log.info("line {}: Modbus client connected from {}", lineId, PortGuard.peer(remote));
        return true;
    }

    private synchronized void closed(Channel ch) {
        Peer gone = peers.get(ch.remoteAddress());
        if (gone != null && gone.channel == ch) {
            peers.remove(ch.remoteAddress());
        }
        if (writer != null && peers.values().stream().noneMatch(p -> Objects.equals(p.host, writer))) {
            log.info("line {}: the Modbus writer {} has no connection left; the PLC area is free to write", lineId,
                    writer.getHostAddress());
            writer = null;
        }
    }

    /** A whole Modbus request arrived on {@code ch}: it is alive. */
    void heard(Channel ch) {
        Peer p;
        synchronized (this) {
            p = peers.get(ch.remoteAddress());
        }
        if (p != null) {
            p.lastRequest = System.nanoTime();
        }
    }

    /** No whole request for three heartbeats: closed, as the ASCII PLC port closes a silent PLC. */
    void silent(Channel ch) {
        guard.refuse(ch, "silent", "no Modbus request for three heartbeats (" + 3 * heartbeat.toMillis() + " ms)");
    }

    /**
     * May the client at {@code remote} write the PLC area? Null when it may (it is, or now becomes, the writer);
     * else the words for the refusal (who holds the block).
     */
    String claimWrite(SocketAddress remote) {
        InetAddress host = host(remote);
        List<Channel> displaced = new ArrayList<>();
        InetAddress before;
        synchronized (this) {
            before = writer;
            if (writer == null || writer.equals(host)) {
                writer = host;
                return null;
            }
            if (!takeover) {
                return "the PLC area is written by " + writer.getHostAddress();
            }
            for (Peer p : peers.values()) {
                if (Objects.equals(p.host, writer)) {
                    displaced.add(p.channel);
                }
            }
            writer = host;
        }
        log.warn("line {}: Modbus client {} took the PLC area over from {} (modbus.takeover)", lineId,
                PortGuard.peer(remote), before.getHostAddress());
        for (Channel c : displaced) {
            guard.close(c, "taken_over");
        }
        return null;
    }

    /** The channel of the client at {@code remote}, for the refusal log; null once it has closed. */
    synchronized Channel channel(SocketAddress remote) {
        Peer p = peers.get(remote);
        return p == null ? null : p.channel;
    }

    synchronized int size() {
        return peers.size();
    }

    private static String hosts(Iterable<Peer> held) {
        StringBuilder sb = new StringBuilder();
        for (Peer p : held) {
            String h = p.host == null ? "?" : p.host.getHostAddress();
            if (sb.indexOf(h) < 0) {
                sb.append(sb.length() == 0 ? "" : ", ").append(h);
            }
        }
        return sb.toString();
    }

    private static InetAddress host(SocketAddress a) {
        return a instanceof InetSocketAddress i ? i.getAddress() : null;
    }
}
