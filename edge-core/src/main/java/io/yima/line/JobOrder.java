package io.yima.line;

import io.yima.config.LineConfig.LineMode;
import io.yima.drivers.render.Symbology;
import io.yima.vault.ActivationFields;
import java.time.LocalDate;

/**
 * A request to open (or resume) a job, as typed values. Null fields are left to the line's job defaults;
 * {@code activation}'s null fields likewise.
 *
 * @param productionDate the day the label's {@code {date…}} fields count from (its production date; expiry
 *                       offsets are added to it); null: today in the line's time zone, changing at midnight
 */
public record JobOrder(String jobId, String sku, String batch, int quantity, Symbology symbol, LineMode mode,
                       Long application, ActivationFields activation, LocalDate productionDate) {

    /** An order whose labels are dated today. */
    public JobOrder(String jobId, String sku, String batch, int quantity, Symbology symbol, LineMode mode,
                    Long application, ActivationFields activation) {
        this(jobId, sku, batch, quantity, symbol, mode, application, activation, null);
    }
}
