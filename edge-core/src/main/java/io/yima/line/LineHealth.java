package io.yima.line;

/**
 * Whether the line may issue labels: the printer's and the scanner's links and the technician's pause switch.
 * Kept in one place so the PLC (PAUSED), the dispatcher and the status page give the same reason.
 */
final class LineHealth {
    final DeviceLink printer;
    final DeviceLink scanner;
    private boolean manualPause;

    LineHealth(String lineId) {
        this.printer = new DeviceLink(lineId, "printer", "not connected yet");
        this.scanner = new DeviceLink(lineId, "scanner", null);
    }

    void manualPause(boolean paused) {
        manualPause = paused;
    }

    /** Why the line is held, or null when it may run. */
    String pausedReason() {
        if (manualPause) {
            return "paused by technician";
        }
        if (printer.fault() != null) {
            return "printer: " + printer.fault();
        }
        return scanner.fault() == null ? null : "scanner: " + scanner.fault();
    }
}
