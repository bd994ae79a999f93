package io.yima.vault.importing;

import java.util.List;
import java.util.Optional;

/**
 * WeChat's own record of which codes were activated, asked before an import commits: an activated code was bound
 * and printed by some vault before, so importing it again would print it a second time. This catches what the
 * ledger beside the vault cannot: the other vault's disk and ledger lost together.
 */
public interface UpstreamActivations {
    /** An index WeChat reports activated, with the range it was activated in. */
    record Activated(long index, long codeStart, long codeEnd) {
    }

    /**
     * Asks about a bounded sample of the imported indexes of the application.
     *
     * @param runs the imported indexes as disjoint inclusive {from, to} runs, ascending
     * @return the first sampled index that is activated, or empty when none is
     * @throws ImportException when WeChat could not be asked (unreachable, quota, refused): the import is refused
     */
    Optional<Activated> firstActivated(long applicationId, List<long[]> runs);
}
