package io.yima.vault;

import java.util.List;

/**
 * What {@link Packing#pack} did: packed (then {@code unit} is the new unit and {@code refusal} null), or refused
 * with a reason and the reads that caused it (nothing changed in the vault).
 *
 * @param offending the reads (as given) that caused the refusal; empty for MISSING/EXTRA and for packed units
 * @param detail    the refusal in words a technician understands; null when packed
 */
public record PackResult(PackUnit unit, PackRefusal refusal, List<String> offending, String detail) {
    public PackResult {
        offending = List.copyOf(offending);
    }

    public boolean packed() {
        return refusal == null;
    }

    static PackResult packed(PackUnit unit) {
        return new PackResult(unit, null, List.of(), null);
    }

    static PackResult refused(PackRefusal why, List<String> offending, String detail) {
        return new PackResult(null, why, offending, detail);
    }
}
