package io.yima.drivers.printer;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One status reply, whichever printer language it came from.
 *
 * @param labelsRemaining Zebra's "labels remaining in batch", {@code null} where the printer does not say
 * @param detail          short text for logs and the status page
 */
public record PrinterStatus(Health health, Set<PrinterCondition> conditions, Integer labelsRemaining, String detail) {

    public PrinterStatus {
        Objects.requireNonNull(health, "health");
        conditions = conditions == null || conditions.isEmpty()
                ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(conditions));
        detail = detail == null ? "" : detail;
    }

    /** Health follows from the conditions: any fault condition makes the printer FAULT. */
    public static PrinterStatus of(Set<PrinterCondition> conditions, Integer labelsRemaining, String detail) {
        boolean fault = conditions.stream().anyMatch(PrinterCondition::fault);
        return new PrinterStatus(fault ? Health.FAULT : Health.READY, conditions, labelsRemaining, detail);
    }

    /** A reply that could not be read (garbage, partial, none). */
    public static PrinterStatus unknown(String why) {
        return new PrinterStatus(Health.UNKNOWN, Set.of(), null, why);
    }

    public boolean isReady() {
        return health == Health.READY;
    }
}
