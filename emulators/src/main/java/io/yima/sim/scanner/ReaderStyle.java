package io.yima.sim.scanner;

/** How a reader frames its output and which trigger commands it understands (docs/device-protocols.md §3.1, 3.2). */
public enum ReaderStyle {
    /** Keyence SR: CR-terminated lines, {@code ERROR} on no-read, {@code LON}/{@code LOFF} answered {@code OK,…}. */
    KEYENCE("\r", "ERROR"),
    /** Cognex DataMan, DMCC silent mode: CR LF lines, {@code ||>TRIGGER ON/OFF}, configurable no-read string. */
    COGNEX("\r\n", "NOREAD");

    final String terminator;
    final String defaultNoRead;

    ReaderStyle(String terminator, String defaultNoRead) {
        this.terminator = terminator;
        this.defaultNoRead = defaultNoRead;
    }

    /** +1 trigger on, -1 trigger off, 0 not a trigger command. */
    int trigger(String command) {
        String c = command.trim().toUpperCase();
        if (this == KEYENCE) {
            return c.equals("LON") ? 1 : c.equals("LOFF") ? -1 : 0;
        }
        return c.equals("||>TRIGGER ON") ? 1 : c.equals("||>TRIGGER OFF") ? -1 : 0;
    }

    /** The command answer, or null for a reader that answers nothing (Cognex silent mode). */
    String acknowledge(String command) {
        return this == KEYENCE ? "OK," + command.trim().toUpperCase() : null;
    }
}
