package io.yima.vault;

/**
 * What the PLC (or a technician) asked for when opening a job.
 *
 * @param symbol {@code MICROCODE} or {@code QR}
 * @param mode   {@code TRIGGERED}, {@code STREAM} or {@code PREPRINT}
 */
public record JobSpec(String jobId, String line, long applicationId, String sku, String batch, int quantity,
                      String symbol, String mode, ActivationFields activation) {
}
