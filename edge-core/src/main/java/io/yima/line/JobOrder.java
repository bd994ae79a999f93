package io.yima.line;

import io.yima.config.LineConfig.LineMode;
import io.yima.drivers.render.Symbology;
import io.yima.vault.ActivationFields;

/**
 * A request to open (or resume) a job, as typed values. Null fields are left to the line's job defaults;
 * {@code activation}'s null fields likewise.
 */
public record JobOrder(String jobId, String sku, String batch, int quantity, Symbology symbol, LineMode mode,
                       Long application, ActivationFields activation) {
}
