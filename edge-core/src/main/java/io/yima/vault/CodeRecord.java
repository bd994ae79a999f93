package io.yima.vault;

import io.yima.drivers.symbol.Microcode;

/** One code as the vault holds it. {@code updatedMillis} is 0 for a code untouched since import. */
public record CodeRecord(long applicationId, long index, String code, String url, Microcode matrix, CodeState state,
                         String jobId, String itemId, String reason, String activationState, long updatedMillis) {
}
