package io.yima.line;

import java.util.Objects;

/**
 * An adapter's health as {@code /health} and the dashboard show it: {@code ONLINE}, {@code OFFLINE} with the
 * reason (its peer is not there: no PLC connected, the broker unreachable, the port closed) or
 * {@code CONFIG_ERROR} with the reason (it cannot run as configured: a certificate that cannot be read, say; a
 * restart will not help until the config is fixed). The reason is worded for a technician; null only when ONLINE.
 */
public record AdapterHealth(State state, String reason) {
    public enum State { ONLINE, OFFLINE, CONFIG_ERROR }

    private static final AdapterHealth ONLINE = new AdapterHealth(State.ONLINE, null);

    public AdapterHealth {
        Objects.requireNonNull(state, "state");
        if (state == State.ONLINE ? reason != null : reason == null || reason.isBlank()) {
            throw new IllegalArgumentException(state == State.ONLINE ? "ONLINE has no reason"
                    : state + " needs a reason");
        }
    }

    public static AdapterHealth online() {
        return ONLINE;
    }

    public static AdapterHealth offline(String reason) {
        return new AdapterHealth(State.OFFLINE, reason);
    }

    public static AdapterHealth configError(String reason) {
        return new AdapterHealth(State.CONFIG_ERROR, reason);
    }

    /** ONLINE when {@code problem} is null, else OFFLINE with it as the reason. */
    public static AdapterHealth offlineIf(String problem) {
        return problem == null ? ONLINE : offline(problem);
    }

    public boolean isOnline() {
        return state == State.ONLINE;
    }

    /** {@code ONLINE}, or e.g. {@code OFFLINE (no PLC connected)}. */
    @Override
    public String toString() {
        return reason == null ? state.name() : state + " (" + reason + ")";
    }
}
