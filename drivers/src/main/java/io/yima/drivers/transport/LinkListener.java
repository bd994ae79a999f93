package io.yima.drivers.transport;

import io.yima.drivers.printer.PrinterStatus;

/** Told about every state transition of a device link; called from the link's event loop, so keep it quick. */
@FunctionalInterface
public interface LinkListener {
    /** @param status the printer status behind the transition, {@code null} for scanners and pure link events */
    void onStateChange(LinkState state, String reason, PrinterStatus status);
}
