package io.yima.drivers.scanner;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.EventExecutor;
import io.yima.drivers.transport.Backoff;
import io.yima.drivers.transport.Connector;
import io.yima.drivers.transport.LinkListener;
import io.yima.drivers.transport.LinkState;
import io.yima.drivers.transport.SupervisedLink;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A reader we connect to (TCP client or serial port), kept connected by {@link SupervisedLink}. Received bytes run
 * through the scanner pipeline in an {@link EmbeddedChannel}, because a serial port is not a Netty channel and the
 * same three handlers must serve both links; a fresh one per connection drops any half frame of the old link.
 */
final class ConnectedScanner extends SupervisedLink implements ScannerSession {
    private final ScannerOptions options;
    private final Consumer<ScanRead> reads;
    private EmbeddedChannel pipeline;

    ConnectedScanner(Connector connector, ScannerOptions options, EventExecutor executor, Consumer<ScanRead> reads,
                     LinkListener listener, Backoff backoff) {
        super(connector, executor, listener, backoff);
        this.options = options;
        this.reads = reads;
    }

    @Override
    protected void onConnected() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ScannerPipeline.install(ch.pipeline(), options, reads);
        pipeline = ch;
        transition(LinkState.ONLINE, "connected", null);
    }

    @Override
    protected void onReceived(byte[] data) {
        if (pipeline != null) {
            pipeline.writeInbound(Unpooled.wrappedBuffer(data));
        }
    }

    @Override
    protected void onLinkLost() {
        if (pipeline != null) {
            pipeline.finishAndReleaseAll();
            pipeline = null;
        }
    }

    @Override
    protected void onClosing() {
        onLinkLost();
    }

    @Override
    public ScannerOptions options() {
        return options;
    }

    @Override
    public CompletableFuture<Void> command(byte[] bytes) {
        return connector.send(bytes);
    }
}
