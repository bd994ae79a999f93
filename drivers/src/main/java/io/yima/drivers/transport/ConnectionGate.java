package io.yima.drivers.transport;

import io.netty.channel.Channel;

/**
 * A listening port's fence, asked first for every accepted connection: false when the connection was refused and
 * closed (not on the allow list, over the cap). The edge's implementation counts and logs each refusal; the drivers
 * only ask.
 */
@FunctionalInterface
public interface ConnectionGate {

    boolean admit(Channel ch);

    /**
     * Asked instead of {@link #admit} when the peer of {@code ch} already holds {@code stale} (a device that
     * restarted): true when {@code ch} may take the place of {@code stale}, which the caller then closes. The place
     * passes at once, so no other peer can slip in between the close and the admission.
     */
    default boolean replace(Channel ch, Channel stale) {
        return admit(ch);
    }

    /** Every connection is kept (tools and tests that run a listening scanner without the edge). */
    ConnectionGate ANYONE = ch -> true;
}
