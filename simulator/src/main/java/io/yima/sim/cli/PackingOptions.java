package io.yima.sim.cli;

import io.yima.sim.rig.RigPacking;
import picocli.CommandLine.Option;

/** {@code --per-case N} and {@code --case-mode}: the rig's and the demo's line packs its items into cases. */
public final class PackingOptions {
    @Option(names = "--per-case", paramLabel = "N", defaultValue = "0",
            description = "pack the verified items into cases of N (case packer, case printer with SSCC labels, case"
                    + " reader after the kicker; ASCII PLC, in-process edge); 0 = no packing (default: ${DEFAULT-VALUE})")
    int perCase;

    @Option(names = "--case-mode", paramLabel = "count|scan", defaultValue = "count",
            description = "with --per-case: count (the edge counts N items into each case, a scanner reads the case"
                    + " label) or scan (a camera above the case reads its items and label) (default: ${DEFAULT-VALUE})")
    String caseMode;

    @Option(names = "--per-pallet", paramLabel = "M", defaultValue = "0",
            description = "with --per-case: stack the packed cases onto pallets of M (pallet printer with SSCC labels;"
                    + " the partial last pallet is closed before the job); 0 = no pallets (default: ${DEFAULT-VALUE})")
    int perPallet;

    /** The packing station the options ask for, or null when the line does not pack. */
    public RigPacking station() {
        if (perCase < 0) {
            throw new IllegalArgumentException("--per-case must be 0 (no packing) or more, got " + perCase);
        }
        RigPacking.Mode mode = switch (caseMode.toLowerCase()) {
            case "count" -> RigPacking.Mode.COUNT;
            case "scan" -> RigPacking.Mode.SCAN;
            default -> throw new IllegalArgumentException("--case-mode is count or scan, not " + caseMode);
        };
        if (perPallet < 0) {
            throw new IllegalArgumentException("--per-pallet must be 0 (no pallets) or more, got " + perPallet);
        }
        if (perPallet > 0 && perCase == 0) {
            throw new IllegalArgumentException("--per-pallet needs --per-case: pallets are stacked from packed cases");
        }
        return perCase == 0 ? null : new RigPacking(perCase, mode, perPallet);
    }

    /** The console's line about the cases of a run. */
    public static String words(RigPacking.Cases c) {
        return String.format(java.util.Locale.ROOT, "cases of %d (%s): %d closed, %d packed, %d refused %s, %d without"
                        + " a result; %.1f cases/min; item OK -> CASE_PACKED %s", c.perCase(), c.mode(), c.closed(),
                c.packed(), c.refusedByReason().values().stream().mapToLong(Long::longValue).sum(),
                c.refusedByReason(), c.unsettled(), c.casesPerMinute(), c.itemToCasePacked().words())
                + (c.pallets() == null ? "" : "\n" + words(c.pallets()));
    }

    /** The console's line about the pallets of a run. */
    public static String words(RigPacking.Pallets p) {
        return String.format(java.util.Locale.ROOT, "pallets of %d: %d packed, %d refused %s; cases per pallet %s;"
                        + " %d packed cases on a pallet; %d pallet labels printed", p.perPallet(), p.packed(),
                p.refusedByReason().values().stream().mapToLong(Long::longValue).sum(), p.refusedByReason(),
                p.casesPerPallet(), p.casesOnAPallet(), p.labelsPrinted());
    }
}
