package io.yima.drivers.transport;

import java.util.concurrent.CompletableFuture;

/**
 * One physical link to one device, TCP or serial (the openHAB connector shape): connect, disconnect, send.
 * Reconnecting, polling and state belong to the session on top; a connector only moves bytes and says when
 * the link is gone.
 */
public interface Connector {
    /** Opens the link; completes when bytes can flow, exceptionally with the reason it could not. */
    CompletableFuture<Void> connect(Events events);

    /** Completes when the bytes are handed to the OS, exceptionally if the link is down or drops first. */
    CompletableFuture<Void> send(byte[] bytes);

    /** False while the outbound backlog is above the high water mark. */
    boolean isWritable();

    void disconnect();

    /** Frees what the connector holds beyond one link (threads); called once when its session closes. */
    default void release() {
    }

    /** Where this connector goes, for logs (never carries secrets). */
    String describe();

    /** What the connector reports upward; called from I/O threads. */
    interface Events {
        void onBytes(byte[] data, int off, int len);

        /** Called once per successful {@link #connect} when that link ends, for whatever reason. */
        void onDisconnected(String reason);

        void onWritabilityChanged(boolean writable);
    }
}
