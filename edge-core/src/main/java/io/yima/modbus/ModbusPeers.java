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
 * and one <em>connection</em> writes the PLC area — the <em>writer</em>. A write from any other connection, from
 * another host or the same one, is refused while the writer's connection is open, unless {@code takeover} is
 * configured, so two clients never share one trigger mailbox and never read each other's echo (two programs on
 * one host are two clients as much as two PLCs are). Reads stay open to every connection (an HMI may watch the
 * block). The block passes on when the writer's connection closes, is closed as silent or taken over, or is
 * replaced: by a new connection from its host, or by a write from another connection of its host, once the
 * writer has sent nothing for a heartbeat (a PLC back from a power cycle is refused for at most about that long).
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
    /** The connection that writes the PLC area; null while nobody has written or since it closed. */
    private Peer writer;

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
                if (p == writer) {
                    writer = null; // the block moves with the replaced connection: the next write claims it
                }
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

    private void closed(Channel ch) {
        boolean freed = false;
        synchronized (this) {
            Peer gone = peers.get(ch.remoteAddress());
            if (gone != null && gone.channel == ch) {
                peers.remove(ch.remoteAddress());
            }
            if (writer != null && writer.channel == ch) {
                writer = null;
                freed = true;
            }
        }
        if (freed) {
            log.info("line {}: the Modbus connection {} that wrote the PLC area closed; the next connection to write"
                    + " gets it", lineId, PortGuard.peer(ch.remoteAddress()));
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
     * May the connection from {@code remote} write the PLC area? Null when it may (it is, or now becomes, the
     * writer); else the words for the refusal (which connection holds the block).
     */
    String claimWrite(SocketAddress remote) {
        Peer before;
        String refused = null;
        boolean replaced = false;
        synchronized (this) {
            Peer me = peers.get(remote);
            before = writer;
            if (me == null) {
                refused = "the connection is closing"; // a request still queued when the edge closed it
            } else if (writer == null || writer == me) {
                writer = me;
                return null;
            } else if (Objects.equals(writer.host, me.host)
                    && System.nanoTime() - writer.lastRequest >= heartbeat.toNanos()) {
                replaced = true; // the replaced rule: a PLC that reconnected before its old connection fell silent
            } else if (!takeover) {
                refused = "the PLC area is written by " + PortGuard.peer(writer.channel.remoteAddress());
            }
            if (refused == null) {
                peers.remove(writer.channel.remoteAddress());
                writer = me;
            }
        }
        if (refused != null) {
            return refused;
        }
        if (replaced) {
            guard.refuse(before.channel, "replaced", "another connection from the same host writes the PLC area;"
                    + " this one had sent nothing for " + (System.nanoTime() - before.lastRequest) / 1_000_000 + " ms");
        } else {
            log.warn("line {}: Modbus client {} took the PLC area over from {} (modbus.takeover)", lineId,
                    PortGuard.peer(remote), PortGuard.peer(before.channel.remoteAddress()));
            guard.close(before.channel, "taken_over");
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
