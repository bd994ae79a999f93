package io.yima.vault;

import java.util.List;
import java.util.Map;

/**
 * Accounts for every code a job touched. {@code printed} counts codes whose bytes left for the printer:
 * sent + bound + rejected + voided after being sent. The report is {@code balanced} when no code is left
 * RESERVED or SENT, i.e. every code the job took has a final verdict. {@code rejectedByReason} and
 * {@code voidedByReason} split REJECTED and VOIDED codes by the vault's {@code reason} column (a voided code's
 * reason: JOB_CLOSED, PRINTER_FAULT, SEND_FAILED, RENDER_FAILED, or CRASH for start-up recovery).
 * {@code stale} counts the PLC triggers the job refused STALE (no code, no label; not part of the balance).
 */
public record JobReport(String jobId, long reserved, long sent, long bound, long rejected,
                        Map<String, Long> rejectedByReason, long voided, long voidedAfterSent, long printed,
                        Map<CodeState, List<Long>> indexes, boolean balanced, Map<String, Long> voidedByReason,
                        long stale) {
}
