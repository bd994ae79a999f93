package io.yima.line;

/** A closed job's account, as the vault's report has it: printed = bound + rejected + voided. */
public record JobAccount(String jobId, long printed, long bound, long rejected, long voided) {
}
