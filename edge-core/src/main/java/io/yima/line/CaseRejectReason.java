package io.yima.line;

/**
 * Why a case was refused (docs/aggregation.md). The first six are the vault's packing checks: a child code not
 * shown ({@code MISSING}), more children than the case holds ({@code EXTRA}), a child not BOUND in this job
 * ({@code FOREIGN}), a child already in another case ({@code ALREADY_PACKED}), a child shown twice
 * ({@code DUPLICATE}), the case label not read within the case window ({@code CASE_NO_READ}). The line adds
 * {@code PRINTER_FAULT} (the case label's bytes could not be sent) and {@code VAULT} (the pack could not be
 * committed; nothing was half-packed).
 */
public enum CaseRejectReason {
    MISSING, EXTRA, FOREIGN, ALREADY_PACKED, DUPLICATE, CASE_NO_READ, PRINTER_FAULT, VAULT
}
