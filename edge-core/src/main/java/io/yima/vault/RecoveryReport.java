package io.yima.vault;

/**
 * What start-up recovery did: {@code released} codes were reserved but provably never sent (SENT is committed
 * before bytes leave), {@code voided} codes were sent without a verdict and may be on a product.
 */
public record RecoveryReport(int released, int voided) {
}
