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

    /** Every connection is kept (tools and tests that run a listening scanner without the edge). */
    ConnectionGate ANYONE = ch -> true;
}
