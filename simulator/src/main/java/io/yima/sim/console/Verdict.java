package io.yima.sim.console;

import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The one line a person reads at the end of a demo or rig run: PASS or FAIL, the account
 * (printed = bound + rejected + voided) and the fault tally in words, never a Java {@code {…}} or {@code […]}.
 */
public final class Verdict {

    private Verdict() {
    }

    /**
     * {@code PASS  3,000 items: printed 3,000 = bound 2,970 + rejected 30 + voided 0; faults: no read 30}.
     *
     * @param problems what failed (violations, an unbalanced account); 0 = PASS
     */
    public static String line(int problems, long items, long printed, long bound, long rejected, long voided,
                              Map<String, Long> faults) {
        StringBuilder s = new StringBuilder(problems == 0 ? "PASS" : "FAIL");
        s.append(String.format(Locale.ROOT, "  %,d items: printed %,d = bound %,d + rejected %,d + voided %,d",
                items, printed, bound, rejected, Math.max(0, voided)));
        s.append("; faults: ").append(tally(faults));
        if (problems > 0) {
            s.append(String.format(Locale.ROOT, "; %d problem%s (see above)", problems, problems == 1 ? "" : "s"));
        }
        return s.toString();
    }

    /** {@code no read 30, misread 2}, sorted by name, zeros left out; {@code none} when empty. */
    public static String tally(Map<String, Long> counts) {
        StringJoiner j = new StringJoiner(", ");
        new TreeMap<>(counts == null ? Map.<String, Long>of() : counts).forEach((k, v) -> {
            if (v != null && v > 0) {
                j.add(words(k) + " " + String.format(Locale.ROOT, "%,d", v));
            }
        });
        return j.length() == 0 ? "none" : j.toString();
    }

    /** {@code NO_READ} → {@code no read}: the enum names the edge and emulators use, as words. */
    public static String words(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
    }
}
