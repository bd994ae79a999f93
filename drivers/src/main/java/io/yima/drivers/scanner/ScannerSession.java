package io.yima.drivers.scanner;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.yima.drivers.transport.Backoff;
import io.yima.drivers.transport.ConnectionGate;
import io.yima.drivers.transport.DeviceUri;
import io.yima.drivers.transport.LinkListener;
import io.yima.drivers.transport.LinkState;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** One code reader: its reads go to a consumer, its link state to a listener. Nothing happens until {@link #start()}. */
public interface ScannerSession extends AutoCloseable {

    /**
     * @param uri {@code tcp://host:9004} (the reader is the server; we connect and reconnect),
     *            {@code listen://0.0.0.0:3000} (the reader connects and pushes results to us),
     *            {@code serial:/dev/ttyUSB0?baud=115200}
     */
    static ScannerSession open(URI uri, ScannerOptions options, EventLoopGroup group, Consumer<ScanRead> reads,
                               LinkListener listener) {
        return open(uri, options, group, reads, listener, Backoff.DEFAULT);
    }

    static ScannerSession open(URI uri, ScannerOptions options, EventLoopGroup group, Consumer<ScanRead> reads,
                               LinkListener listener, Backoff backoff) {
        return open(uri, options, group, reads, listener, backoff, ConnectionGate.ANYONE);
    }

    /**
     * As above; a {@code listen://} scanner asks {@code gate} about every reader that connects (allow list,
     * connection cap). A reader that connects again from the address of one still held replaces it: a reader that
     * restarted leaves its old connection looking open, and must not be locked out by it.
     */
    static ScannerSession open(URI uri, ScannerOptions options, EventLoopGroup group, Consumer<ScanRead> reads,
                               LinkListener listener, Backoff backoff, ConnectionGate gate) {
        ScannerOptions o = options == null ? ScannerOptions.defaults() : options;
        if ("listen".equalsIgnoreCase(uri.getScheme())) {
            if (uri.getPort() < 0) {
                throw new IllegalArgumentException("scanner URI '" + uri + "' has no port (e.g. listen://0.0.0.0:3000)");
            }
            return new ListeningScanner(DeviceUri.host(uri), uri.getPort(), o, group, reads, listener, gate);
        }
        EventLoop loop = group.next();
        return new ConnectedScanner(DeviceUri.connector(uri, loop), o, loop, reads, listener, backoff);
    }

    /** Sends the configured software trigger ({@code LON\r} / {@code ||>TRIGGER ON\r\n}); fails if there is none. */
    default CompletableFuture<Void> trigger() {
        return triggerCommand(options().trigger().on());
    }

    /** Ends a read window ({@code LOFF\r} / {@code ||>TRIGGER OFF\r\n}). */
    default CompletableFuture<Void> triggerOff() {
        return triggerCommand(options().trigger().off());
    }

    private CompletableFuture<Void> triggerCommand(byte[] bytes) {
        if (bytes.length == 0) {
            return CompletableFuture.failedFuture(
                    new java.io.IOException("no software trigger configured for this scanner"));
        }
        return command(bytes);
    }

    /** Raw bytes to the reader (a trigger, or any command of its dialect); completes when flushed to the OS. */
    CompletableFuture<Void> command(byte[] bytes);

    ScannerOptions options();

    /** The port a {@code listen://} scanner listens on once started (the ephemeral one for port 0), else -1. */
    default int listeningPort() {
        return -1;
    }

    LinkState state();

    void start();

    @Override
    void close();
}
