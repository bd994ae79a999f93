package io.yima.vault;

/**
 * What start-up recovery did: {@code released} codes were reserved but provably never sent (SENT is committed
 * before bytes leave), {@code voided} codes were sent without a verdict and may be on a product. Imports cut off
 * while staging had their {@code codesDiscarded} rows deleted ({@code importsDiscarded} of them; the package can
 * simply be imported again); imports cut off while publishing were finished ({@code codesPublished} codes).
 */
public record RecoveryReport(int released, int voided, int importsDiscarded, long codesDiscarded,
                             int importsPublished, long codesPublished) {

    public RecoveryReport(int released, int voided) {
        this(released, voided, 0, 0, 0, 0);
    }
}
