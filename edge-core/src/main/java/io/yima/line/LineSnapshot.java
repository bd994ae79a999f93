package io.yima.line;

import java.util.Map;

/** A consistent view of one line, taken on its thread, for STATUS, the status page and metrics. */
public record LineSnapshot(String lineId, String mode, String state, String printerLink, String printerFault,
                           String scannerLink, String scannerFault, boolean plcConnected,
                           String jobId, String sku, String batch, int quantity, long printed, long bound,
                           long rejected, long voided, Map<RejectReason, Long> rejectsByReason, long duplicateReads,
                           double itemsPerMinute, double triggerToPrintP50Ms, double triggerToPrintP99Ms,
                           int awaitingRead) {
}
