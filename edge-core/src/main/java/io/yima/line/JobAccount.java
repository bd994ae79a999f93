package io.yima.line;

import java.util.Map;
import java.util.TreeMap;

/**
 * A job's account of codes, counted by the rules of {@code job report} (the vault's {@code JobReport}), so every
 * surface shows the same figures: {@code printed} counts codes whose label bytes left for the printer;
 * {@code awaiting} those still SENT (no verdict yet), {@code bound}, {@code rejected} and {@code voided} the
 * codes with each verdict. A code is in exactly one of awaiting, bound, rejected, voided, so
 * printed = awaiting + bound + rejected + voided, less the rare code voided before its label left (RENDER_FAILED);
 * once the job is closed nothing is awaiting. An item kicked out because its label was dropped at a printer fault
 * (REJECT PRINTER_FAULT) or voided by start-up recovery (REJECT VOIDED) has its code VOIDED: it counts in
 * {@code voided} (reason PRINTER_FAULT, SEND_FAILED or CRASH), never also in {@code rejected}.
 * {@code rejectedByReason} and {@code voidedByReason} are keyed by the vault's reason column.
 * {@code stale}: PLC triggers refused STALE (no code, no label); {@code rejectedWithoutCode}: items rejected at a
 * PREPRINT packing scan that carried no code of the job. Neither is a code, so neither is in the balance.
 */
public record JobAccount(String jobId, long printed, long bound, long rejected, long voided, long awaiting,
                         Map<String, Long> rejectedByReason, Map<String, Long> voidedByReason, long stale,
                         long rejectedWithoutCode) {

    public JobAccount {
        rejectedByReason = rejectedByReason == null ? Map.of() : Map.copyOf(rejectedByReason);
        voidedByReason = voidedByReason == null ? Map.of() : Map.copyOf(voidedByReason);
    }

    /** A closing account as the vault counts it in the closing transaction (no reasons, nothing awaiting). */
    public JobAccount(String jobId, long printed, long bound, long rejected, long voided) {
        this(jobId, printed, bound, rejected, voided, 0, Map.of(), Map.of(), 0, 0);
    }

    /** The account before any code is touched (no job yet). */
    public static JobAccount empty(String jobId) {
        return new JobAccount(jobId, 0, 0, 0, 0);
    }

    /** Rejected codes per reason, sorted by reason, for stable output. */
    public Map<String, Long> rejectedSorted() {
        return new TreeMap<>(rejectedByReason);
    }

    /** Voided codes per reason, sorted by reason, for stable output. */
    public Map<String, Long> voidedSorted() {
        return new TreeMap<>(voidedByReason);
    }
}
