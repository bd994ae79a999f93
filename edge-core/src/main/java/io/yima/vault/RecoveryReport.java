package io.yima.vault;

/**
 * What start-up recovery did: {@code released} codes were reserved but provably never sent (SENT is committed
 * before bytes leave), {@code voided} codes were sent without a verdict and may be on a product. Imports cut off
 * while staging had their {@code codesDiscarded} rows deleted ({@code importsDiscarded} of them; the package can
 * simply be imported again); imports cut off while publishing were finished ({@code codesPublished} codes).
 */
public record RecoveryReport(int released, int voided, int importsDiscarded, long codesDiscarded,
                             int importsPublished, long codesPublished, int ledgerVoided) {

    public RecoveryReport(int released, int voided) {
        this(released, voided, 0, 0, 0, 0, 0);
    }

    public RecoveryReport(int released, int voided, int importsDiscarded, long codesDiscarded,
                          int importsPublished, long codesPublished) {
        this(released, voided, importsDiscarded, codesDiscarded, importsPublished, codesPublished, 0);
    }

    /** One sentence for the log: what start-up recovery found, in the line's words. */
    public String describe() {
        if (released == 0 && voided == 0 && importsDiscarded == 0 && importsPublished == 0 && ledgerVoided == 0) {
            return "clean start, nothing to recover";
        }
        StringBuilder s = new StringBuilder("recovered after an unclean stop: ");
        s.append(released).append(" reserved codes released (never sent), ")
                .append(voided).append(" sent codes without a verdict voided");
        if (ledgerVoided > 0) {
            s.append(", ").append(ledgerVoided).append(" codes voided that the ledger says were issued but the vault"
                    + " had in stock (the vault had lost commits: restored backup, deleted WAL)");
        }
        if (importsDiscarded > 0) {
            s.append(", ").append(importsDiscarded).append(" unfinished import(s) discarded (")
                    .append(codesDiscarded).append(" codes; import the package again)");
        }
        if (importsPublished > 0) {
            s.append(", ").append(importsPublished).append(" import(s) finished (").append(codesPublished)
                    .append(" codes)");
        }
        return s.toString();
    }
}
