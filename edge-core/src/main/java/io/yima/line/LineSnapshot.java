package io.yima.line;

import io.yima.config.LineConfig.LineMode;
import java.util.EnumMap;
import java.util.Map;

/**
 * A consistent view of one line, built on its thread and published into a volatile field, so the status page
 * and metrics read it without waiting on the line. {@code vaultFault} is null while the vault takes writes.
 * {@code printerAhead}: labels handed to the printer and not known printed yet. The counts ({@code printed},
 * {@code bound}, {@code rejected}, {@code voided}, {@code rejectsByReason}, {@code staleTriggers}) are all read
 * from {@code account}, the job's one account (the last job's once it is closed, until the next one opens).
 */
public record LineSnapshot(String lineId, LineMode mode, LineState state, DeviceState printerLink,
                           String printerFault, DeviceState scannerLink, String scannerFault, String vaultFault,
                           String jobId, String sku, String batch, int quantity, long printed, long bound,
                           long rejected, long voided, Map<RejectReason, Long> rejectsByReason, long duplicateReads,
                           double itemsPerMinute, double triggerToPrintP50Ms, double triggerToPrintP99Ms,
                           int awaitingRead, long staleTriggers, int printerAhead, JobAccount account) {

    /** Without an account of its own (tests of other parts): one made of the counts given. */
    public LineSnapshot(String lineId, LineMode mode, LineState state, DeviceState printerLink,
                        String printerFault, DeviceState scannerLink, String scannerFault, String vaultFault,
                        String jobId, String sku, String batch, int quantity, long printed, long bound,
                        long rejected, long voided, Map<RejectReason, Long> rejectsByReason, long duplicateReads,
                        double itemsPerMinute, double triggerToPrintP50Ms, double triggerToPrintP99Ms,
                        int awaitingRead, long staleTriggers, int printerAhead) {
        this(lineId, mode, state, printerLink, printerFault, scannerLink, scannerFault, vaultFault, jobId, sku, batch,
                quantity, printed, bound, rejected, voided, rejectsByReason, duplicateReads, itemsPerMinute,
                triggerToPrintP50Ms, triggerToPrintP99Ms, awaitingRead, staleTriggers, printerAhead,
                new JobAccount(jobId, printed, bound, rejected, voided));
    }

    /** The account's rejected codes per reason, as the line's reasons (the vault writes only those names). */
    static Map<RejectReason, Long> byReason(JobAccount a) {
        Map<RejectReason, Long> out = new EnumMap<>(RejectReason.class);
        a.rejectedByReason().forEach((r, n) -> out.put(RejectReason.valueOf(r), n));
        return Map.copyOf(out);
    }
}
