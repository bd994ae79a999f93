package io.yima.line;

import io.yima.config.LineConfig.LineMode;
import java.util.Map;

/**
 * A consistent view of one line, built on its thread and published into a volatile field, so the status page
 * and metrics read it without waiting on the line. {@code vaultFault} is null while the vault takes writes.
 * {@code staleTriggers}: the job's PLC triggers refused STALE; {@code printerAhead}: labels handed to the printer
 * and not known printed yet.
 */
public record LineSnapshot(String lineId, LineMode mode, LineState state, DeviceState printerLink,
                           String printerFault, DeviceState scannerLink, String scannerFault, String vaultFault,
                           String jobId, String sku, String batch, int quantity, long printed, long bound,
                           long rejected, long voided, Map<RejectReason, Long> rejectsByReason, long duplicateReads,
                           double itemsPerMinute, double triggerToPrintP50Ms, double triggerToPrintP99Ms,
                           int awaitingRead, long staleTriggers, int printerAhead) {
}
