package io.yima.vault;

import java.time.LocalDate;

/**
 * What the PLC (or a technician) asked for when opening a job.
 *
 * @param symbol         {@code MICROCODE} or {@code QR}
 * @param mode           {@code TRIGGERED}, {@code STREAM} or {@code PREPRINT}
 * @param productionDate the production date the job's labels carry (their {@code {date…}} fields), kept with the
 *                       job so a restarted edge prints the same; null: the day each label is printed
 */
public record JobSpec(String jobId, String line, long applicationId, String sku, String batch, int quantity,
                      String symbol, String mode, ActivationFields activation, LocalDate productionDate) {

    /** A job whose labels are dated the day they are printed. */
    public JobSpec(String jobId, String line, long applicationId, String sku, String batch, int quantity,
                   String symbol, String mode, ActivationFields activation) {
        this(jobId, line, applicationId, sku, batch, quantity, symbol, mode, activation, null);
    }
}
