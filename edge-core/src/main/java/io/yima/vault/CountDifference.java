package io.yima.vault;

/**
 * One bucket where the vault's counters disagree with a recount of the codes.
 *
 * @param activationState null for codes without an activation state
 * @param counted         what the counters (and so {@code vault stats}, the status page and /metrics) say
 * @param actual          how many codes really are in that bucket
 */
public record CountDifference(long applicationId, CodeState state, String activationState, long counted,
                              long actual) {

    /** A sentence for a technician, e.g. "application 5, state BOUND, activation PENDING: counted 3, actually 4". */
    public String describe() {
        return "application " + applicationId + ", state " + state
                + (activationState == null ? "" : ", activation " + activationState)
                + ": counted " + counted + ", actually " + actual;
    }
}
