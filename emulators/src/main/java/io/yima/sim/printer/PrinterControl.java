package io.yima.sim.printer;

import java.util.Locale;

/**
 * A test engineer's hands on a running printer emulator: one text command in, one line of answer out. The same
 * commands come from the {@code printer} command's standard input and its control port (docs/simulator.md):
 * <pre>
 * head-open | head-close          open or close the print head (a fault: the printer stops printing)
 * pause | resume                  the printer's pause key
 * paper-out [N]                   the roll ends now, or after N more labels
 * reload                          a new roll: clears paper out
 * speed R                         print speed in labels per second (0 = as fast as labels come)
 * buffer N                        receive buffer in formats (labels); full = the printer stops reading
 * power-cycle [MS]                power off for MS milliseconds (default 2000): buffered labels and stored
 *                                 formats and graphics (^DF, ~DG) or downloaded files (TSPL DOWNLOAD) are lost
 * status                          what the printer is doing now
 * help                            this list
 * </pre>
 * Lines are at most {@value #MAX_LINE} characters; anything else is answered with an error naming the command.
 */
public final class PrinterControl {
    static final int MAX_LINE = 200;
    public static final String HELP = "commands: head-open | head-close | pause | resume | paper-out [N] | reload"
            + " | speed LABELS_PER_S | buffer FORMATS | power-cycle [MS] | status | help";

    private final PrinterEmulator printer;

    PrinterControl(PrinterEmulator printer) {
        this.printer = printer;
    }

    /** Acts on one command line; returns the answer (starts with "error:" when the command was refused). */
    public String apply(String line) {
        if (line == null) {
            return "error: no command";
        }
        if (line.length() > MAX_LINE) {
            return "error: command longer than " + MAX_LINE + " characters";
        }
        String[] w = line.trim().toLowerCase(Locale.ROOT).split("\\s+");
        PrinterFaults f = printer.faults();
        try {
            switch (w[0]) {
                case "head-open" -> f.headOpen(true);
                case "head-close" -> f.headOpen(false);
                case "pause" -> f.paused(true);
                case "resume" -> f.paused(false);
                case "paper-out" -> f.paperOutAfter(w.length > 1 ? count(w[1], "labels") : 0);
                case "reload" -> f.loadPaper();
                case "speed" -> f.printRate(rate(arg(w, "labels per second")));
                case "buffer" -> f.receiveBuffer(Math.max(1, count(arg(w, "formats"), "formats")));
                case "power-cycle" -> f.powerCycle(w.length > 1 ? count(w[1], "milliseconds") : 2000);
                case "status" -> {
                    return status();
                }
                case "help", "" -> {
                    return HELP;
                }
                default -> {
                    return "error: unknown command '" + printable(w[0]) + "' (" + HELP + ")";
                }
            }
        } catch (IllegalArgumentException e) {
            return "error: " + w[0] + ": " + e.getMessage();
        }
        return "ok " + status();
    }

    /** One line: labels printed, formats waiting, and every setting a command can change. */
    public String status() {
        PrinterFaults f = printer.faults();
        return String.format(Locale.ROOT, "printed=%d buffered=%d buffer=%d speed=%s head=%s paused=%s paper=%s",
                printer.labelsPrinted(), printer.formatsBuffered(), f.receiveBuffer(),
                f.printRate() == 0 ? "unlimited" : f.printRate() + "/s", f.headOpen() ? "open" : "closed",
                f.paused() ? "yes" : "no", f.paperOut() ? "out" : "ok");
    }

    private static String arg(String[] w, String what) {
        if (w.length < 2) {
            throw new IllegalArgumentException("needs a number of " + what);
        }
        return w[1];
    }

    private static int count(String s, String what) {
        try {
            int n = Integer.parseInt(s);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + printable(s) + "' is not a number of " + what);
        }
    }

    private static double rate(String s) {
        try {
            double r = Double.parseDouble(s);
            if (!(r >= 0 && r <= 10_000)) {
                throw new NumberFormatException();
            }
            return r;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + printable(s) + "' is not a speed of 0 to 10000 labels per second");
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return b.toString();
    }
}
