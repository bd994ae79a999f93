package io.yima.opcua;

import io.yima.line.LineSnapshot;

/**
 * The line's state in PackML words, numbered as OPC UA's PackML StateEnumeration (OPC 30060, also used by the
 * tobacco machine model): only the states a serialization line can honestly be in. The mapping is documented in
 * docs/opcua.md ("State").
 */
enum PackMlState {
    STOPPED(0, "Stopped"), IDLE(2, "Idle"), STARTING(3, "Starting"), EXECUTE(4, "Execute"), ABORTED(8, "Aborted"),
    STOPPING(9, "Stopping"), HELD(15, "Held");

    final int value;
    final String label;

    PackMlState(int value, String label) {
        this.value = value;
        this.label = label;
    }

    /**
     * @param starting an OPC UA StartJob call is waiting for the line to open the job
     */
    static PackMlState of(LineSnapshot s, boolean starting) {
        if (s.vaultFault() != null) {
            return ABORTED; // nothing can be committed: the line cannot account for a code until the vault recovers
        }
        return switch (s.state()) {
            case IDLE -> starting ? STARTING : IDLE;
            case RUNNING -> EXECUTE;
            case PAUSED -> HELD;
            case STOPPED -> s.awaitingRead() > 0 ? STOPPING : STOPPED;
        };
    }
}
