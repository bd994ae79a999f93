package io.yima.drivers.transport;

import io.netty.channel.EventLoopGroup;
import io.yima.drivers.printer.PrinterProtocol;
import io.yima.drivers.printer.PrinterStatus;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What the dispatcher holds for one printer: send label bytes, watch back-pressure and state.
 * Nothing happens until {@link #start()}; after that the session keeps itself connected until {@link #close()}.
 */
public interface PrinterSession extends AutoCloseable {

    /**
     * @param uri                {@code tcp://host:9100} or {@code serial:/dev/ttyUSB0?baud=115200&parity=none&flow=rtscts}
     * @param protocol           status conversation; {@code null} (or a zero interval) = no polling, ONLINE on connect
     * @param statusPollInterval how often to ask for status while the printer is idle
     * @param statusTimeout      how long a reply may take before the printer counts as FAULT "no status reply"
     * @param group              Netty NIO event loop group (TCP I/O and all of this session's timers)
     */
    static PrinterSession open(URI uri, PrinterProtocol protocol, Duration statusPollInterval, Duration statusTimeout,
                               EventLoopGroup group, LinkListener listener) {
        return open(uri, protocol, statusPollInterval, statusTimeout, group, listener, Backoff.DEFAULT);
    }

    static PrinterSession open(URI uri, PrinterProtocol protocol, Duration statusPollInterval, Duration statusTimeout,
                               EventLoopGroup group, LinkListener listener, Backoff backoff) {
        return open(uri, protocol, statusPollInterval, null, statusTimeout, group, listener, backoff);
    }

    /**
     * @param busyStatusPollInterval how often to ask while the printer has labels to print (one sent within the
     *                               last second, or its last reply counted some queued), so that a fault mid-job
     *                               is heard at once; {@code null} = the idle interval throughout
     */
    static PrinterSession open(URI uri, PrinterProtocol protocol, Duration statusPollInterval,
                               Duration busyStatusPollInterval, Duration statusTimeout, EventLoopGroup group,
                               LinkListener listener, Backoff backoff) {
        io.netty.channel.EventLoop loop = group.next();
        Connector c = DeviceUri.connector(uri, loop);
        return new PrinterLink(c, protocol, statusPollInterval, busyStatusPollInterval,
                statusTimeout == null ? Duration.ofSeconds(2) : statusTimeout, loop, listener, backoff);
    }

    /** Completes when the bytes are flushed to the OS (not printed), exceptionally if the link is down or drops first. */
    CompletableFuture<Void> send(byte[] label);

    /**
     * False while the outbound buffer is above its high water mark, or while the printer reports a fault: stop
     * sending until it turns true again (after a fault, the link's ONLINE says so).
     */
    boolean isWritable();

    /** Called (from an I/O thread) whenever {@link #isWritable()} may have changed. */
    void onWritabilityChanged(Runnable r);

    /** Asks the printer to drop every label it holds unprinted ({@link PrinterProtocol#cancelQueued()}). */
    void cancelQueued();

    /** Asks for a status poll ahead of the interval (rate-limited; ignored while not polling). */
    void pollSoon();

    /** Called (from an I/O thread) with every status reply read, see {@link StatusListener}. */
    void onStatus(StatusListener listener);

    /** Every status reply, with what it can account for. */
    @FunctionalInterface
    interface StatusListener {
        /**
         * @param labelsBefore the labels this session had written (in {@link #send} order, counted from 1) before
         *                     the query this reply answers: the printer's queue count is a suffix of those
         */
        void onStatus(PrinterStatus status, long labelsBefore);
    }

    LinkState state();

    PrinterStatus lastStatus();

    void start();

    @Override
    void close();
}
