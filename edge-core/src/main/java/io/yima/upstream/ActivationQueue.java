package io.yima.upstream;

import io.yima.vault.Activations;
import io.yima.vault.CodeVault;
import java.util.List;

/**
 * Moves bound codes from activation PENDING into QUEUED {@code activation_range} rows, as the
 * {@link RangeCoalescer} decides; the vault ({@link Activations}) reads the codes and writes the ranges in one
 * transaction, so a range and its codes never disagree.
 */
final class ActivationQueue {
    private final Activations activations;
    private final RangeCoalescer coalescer;

    ActivationQueue(CodeVault vault, RangeCoalescer coalescer) {
        this.activations = new Activations(vault);
        this.coalescer = coalescer;
    }

    /** Queues every range that is ready; returns how many ranges were queued. */
    int coalesce(long nowMillis) {
        return activations.queueReady((group, pending, mayJoin) -> {
            List<RangeCoalescer.Pending> codes = pending.stream()
                    .map(p -> new RangeCoalescer.Pending(p.index(), p.boundAtMillis())).toList();
            return coalescer.cuts(codes, mayJoin::test, nowMillis).stream()
                    .map(r -> new Activations.Run(r.codeStart(), r.codeEnd())).toList();
        }, nowMillis);
    }
}
