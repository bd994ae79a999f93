package io.yima.opcua;

import io.yima.guard.RefusalCounters;
import io.yima.line.AdapterHealth;
import io.yima.line.LineAdapter;
import io.yima.line.ProductionLine;
import java.net.BindException;
import java.nio.file.Path;
import java.util.List;

/**
 * The OPC UA server as an adapter ({@link LineAdapter}): {@link EdgeOpcUaServer} does the work. Production does
 * not need it, so a server that cannot start does not stop the edge: the daemon hands the failure to
 * {@link #couldNotStart}, and the health says why: OFFLINE when it could not listen (the port is taken or the
 * address is not this PC's), CONFIG_ERROR for anything else it could not set up (the PKI folder, the server
 * certificate, the users' password files).
 */
public final class OpcUaAdapter implements LineAdapter {
    private final OpcUaConfig config;
    private final Path pkiDir;
    private final RefusalCounters counters;
    private volatile EdgeOpcUaServer server;
    private volatile AdapterHealth failed;
    private volatile boolean closed;

    public OpcUaAdapter(OpcUaConfig config, Path pkiDir, RefusalCounters counters) {
        this.config = config;
        this.pkiDir = pkiDir;
        this.counters = counters;
    }

    @Override
    public String name() {
        return "opcua";
    }

    /** Serves every line (their commands, events and snapshots); throws when the server cannot start. */
    @Override
    public void start(List<ProductionLine> lines) throws InterruptedException {
        List<OpcUaLine> views = lines.stream().map(l -> new OpcUaLine(l, l::snapshot)).toList();
        try {
            server = EdgeOpcUaServer.start(config, pkiDir, views, counters);
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The server did not start for {@code reason}: the edge runs on without it, and {@link #health} says why. */
    public void couldNotStart(Throwable error, String reason) {
        failed = listening(error, reason) ? AdapterHealth.offline(reason) : AdapterHealth.configError(reason);
    }

    private static boolean listening(Throwable error, String reason) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return reason.contains("cannot listen on"); // the daemon's port-clash message keeps no cause
    }

    @Override
    public AdapterHealth health() {
        AdapterHealth f = failed;
        if (f != null) {
            return f;
        }
        if (closed || server == null) {
            return AdapterHealth.offline(closed ? "OPC UA server stopped" : "OPC UA server not started yet");
        }
        return AdapterHealth.online();
    }

    /** The running server, or null (not started, or it could not start). */
    public EdgeOpcUaServer server() {
        return server;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        EdgeOpcUaServer s = server;
        if (s != null) {
            s.close();
        }
    }
}
