package io.yima.line;

/**
 * Whether the line may issue labels: the printer's, the scanner's and the vault's links and the technician's
 * pause switch. Kept in one place so the PLC (PAUSED), the dispatcher and the status page give the same reason.
 */
final class LineHealth {
    final DeviceLink printer;
    final DeviceLink scanner;
    final DeviceLink vault;
    private boolean manualPause;

    LineHealth(String lineId) {
        this.printer = new DeviceLink(lineId, Device.PRINTER, DeviceState.OFFLINE, "not connected yet");
        this.scanner = new DeviceLink(lineId, Device.SCANNER, DeviceState.OFFLINE, null);
        this.vault = new DeviceLink(lineId, Device.VAULT, DeviceState.ONLINE, null);
    }

    void manualPause(boolean paused) {
        manualPause = paused;
    }

    /** Why the line is held, or null when it may run. */
    Hold hold() {
        if (vault.fault() != null) {
            return new Hold(Hold.Cause.VAULT, vault.fault());
        }
        if (manualPause) {
            return Hold.TECHNICIAN;
        }
        if (printer.fault() != null) {
            return new Hold(Hold.Cause.PRINTER, printer.fault());
        }
        return scanner.fault() == null ? null : new Hold(Hold.Cause.SCANNER, scanner.fault());
    }

    /** True when nothing holds the line. */
    boolean clear() {
        return vault.fault() == null && !manualPause && printer.fault() == null && scanner.fault() == null;
    }

    /** True when a device (not the technician) holds the line. */
    boolean faulted() {
        return vault.fault() != null || printer.fault() != null || scanner.fault() != null;
    }
}
