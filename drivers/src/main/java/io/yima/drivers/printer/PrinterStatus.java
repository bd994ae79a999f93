package io.yima.drivers.printer;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One status reply, whichever printer language it came from.
 *
 * @param labelsRemaining Zebra's "labels remaining in batch", {@code null} where the printer does not say
 * @param detail          short text for logs and the status page
 * @param formatsInBuffer Zebra's "formats in receive buffer" (received, not completely printed), {@code null}
 *                        where the printer does not say (ESC/POS, {@code ~HQES} alone)
 */
public record PrinterStatus(Health health, Set<PrinterCondition> conditions, Integer labelsRemaining, String detail,
                            Integer formatsInBuffer) {

    public PrinterStatus {
        Objects.requireNonNull(health, "health");
        conditions = conditions == null || conditions.isEmpty()
                ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(conditions));
        detail = detail == null ? "" : detail;
    }

    public PrinterStatus(Health health, Set<PrinterCondition> conditions, Integer labelsRemaining, String detail) {
        this(health, conditions, labelsRemaining, detail, null);
    }

    /** Health follows from the conditions: any fault condition makes the printer FAULT. */
    public static PrinterStatus of(Set<PrinterCondition> conditions, Integer labelsRemaining, String detail) {
        return of(conditions, labelsRemaining, detail, null);
    }

    public static PrinterStatus of(Set<PrinterCondition> conditions, Integer labelsRemaining, String detail,
                                   Integer formatsInBuffer) {
        boolean fault = conditions.stream().anyMatch(PrinterCondition::fault);
        return new PrinterStatus(fault ? Health.FAULT : Health.READY, conditions, labelsRemaining, detail,
                formatsInBuffer);
    }

    /**
     * Labels the printer holds and has not printed yet, or {@code null} where it does not say. Our labels are one
     * format of one copy each, so the larger of the two Zebra counters is the queue: "formats in receive buffer"
     * counts the waiting formats, "labels remaining" the copies left of the batch under the head.
     */
    public Integer labelsQueued() {
        if (formatsInBuffer == null) {
            return labelsRemaining;
        }
        return labelsRemaining == null ? formatsInBuffer : Math.max(formatsInBuffer, labelsRemaining);
    }

    /** A reply that could not be read (garbage, partial, none). */
    public static PrinterStatus unknown(String why) {
        return new PrinterStatus(Health.UNKNOWN, Set.of(), null, why);
    }

    public boolean isReady() {
        return health == Health.READY;
    }
}
