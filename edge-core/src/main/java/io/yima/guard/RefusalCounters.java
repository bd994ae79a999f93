package io.yima.guard;

/**
 * Where a port's refusals are counted (the Prometheus metrics implement this). {@code port} names the port
 * ({@code plc:L1}, {@code status}); {@code reason} is a fixed word, never text from the peer.
 */
public interface RefusalCounters {
    /** A connection closed by the edge: over the cap, not on the allow list, a second PLC, too slow. */
    void connectionRefused(String port, String reason);

    /** A frame or request answered with a refusal (a NAK word, an HTTP status). */
    void requestRefused(String port, String reason);

    RefusalCounters NONE = new RefusalCounters() {
        @Override
        public void connectionRefused(String port, String reason) {
        }

        @Override
        public void requestRefused(String port, String reason) {
        }
    };
}
