package io.yima.line;

/**
 * Why a case was refused (docs/aggregation.md). Most are the vault's packing checks, by the same names as
 * {@code io.yima.vault.PackRefusal}: a child not shown ({@code MISSING}), more children than the case holds
 * ({@code EXTRA}), a child not a code of this job ({@code FOREIGN}), a child already in another case
 * ({@code ALREADY_PACKED}), a child shown twice ({@code DUPLICATE}), an item of this job that never passed
 * verification ({@code NOT_BOUND}), a case code used before, not this job's or not issued. The line adds
 * {@code CASE_NO_READ} (the case label not read within the case window), {@code PRINTER_FAULT} (the case label's
 * bytes could not be sent) and {@code VAULT} (the case code or the pack could not be committed; nothing was
 * half-packed).
 */
public enum CaseRejectReason {
    MISSING, EXTRA, FOREIGN, ALREADY_PACKED, DUPLICATE, CASE_NO_READ, NOT_BOUND, CASE_CODE_USED, CASE_CODE_FOREIGN,
    CASE_CODE_NOT_ISSUED, PRINTER_FAULT, VAULT
}
