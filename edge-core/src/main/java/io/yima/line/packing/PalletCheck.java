package io.yima.line.packing;

import io.yima.line.CaseRejectReason;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether a pallet reader's frame shows exactly the cases a pallet was closed with (docs/aggregation.md
 * "Pallets"). The vault's pallet pack checks each child and the count, but a packed case of this job on no pallet
 * passes there even when it belongs to another pallet; this compares the two sets first. The first failing check
 * wins: a case read twice ({@code DUPLICATE}); a read that is not one of the pallet's cases, by what the vault
 * says of it ({@code FOREIGN}: not a packed case of this job; {@code ALREADY_PACKED}: on a pallet already;
 * {@code EXTRA}: a loose case of this job that the pallet was not closed with); a case of the pallet not read
 * ({@code MISSING}).
 */
final class PalletCheck {
    private PalletCheck() {
    }

    /**
     * @param closedWith the pallet's cases as the vault names them
     * @param readKeys   the frame's case reads as the vault names them (the read itself when the vault knows none)
     * @param stray      why a read that is not one of the pallet's cases may not be on it: FOREIGN, ALREADY_PACKED
     *                   or EXTRA
     */
    static Optional<CaseRejectReason> check(List<String> closedWith, List<String> readKeys,
                                            Function<String, CaseRejectReason> stray) {
        Set<String> seen = new HashSet<>();
        for (String k : readKeys) {
            if (!seen.add(k)) {
                return Optional.of(CaseRejectReason.DUPLICATE);
            }
        }
        Set<String> expected = new HashSet<>(closedWith);
        List<CaseRejectReason> strays = new ArrayList<>();
        for (String k : readKeys) {
            if (!expected.contains(k)) {
                strays.add(stray.apply(k));
            }
        }
        for (CaseRejectReason r : List.of(CaseRejectReason.FOREIGN, CaseRejectReason.ALREADY_PACKED,
                CaseRejectReason.EXTRA)) {
            if (strays.contains(r)) {
                return Optional.of(r);
            }
        }
        if (!strays.isEmpty()) {
            return Optional.of(strays.get(0));
        }
        return seen.containsAll(expected) ? Optional.empty() : Optional.of(CaseRejectReason.MISSING);
    }
}
