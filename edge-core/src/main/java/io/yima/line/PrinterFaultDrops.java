package io.yima.line;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The labels one printer fault caught in the printer: handed to it, not known printed, told to drop them. Each is
 * settled later (voided PRINTER_FAULT when no read comes within the verify window, bound when it had printed just
 * before the fault and is read); when the last one is, one log line says what the fault cost, instead of one
 * line per rejected item. Runs on the line's thread.
 */
final class PrinterFaultDrops {
    private static final Logger log = LoggerFactory.getLogger(PrinterFaultDrops.class);

    private final String lineId;
    private final String fault;
    private int open;
    private int voided;
    private int bound;
    private int rejected;

    /** @param fault the printer's reason in words ("paper out") */
    PrinterFaultDrops(String lineId, String fault, int labels) {
        this.lineId = lineId;
        this.fault = fault;
        this.open = labels;
    }

    /** One of the fault's labels got its committed verdict; the last one writes the line. */
    void settled(Verdict v) {
        if (v.isBind()) {
            bound++;
        } else if (v.voidCode()) {
            voided++;
        } else {
            rejected++;
        }
        if (--open == 0) {
            log.warn(line());
        }
    }

    /** "line L1 printer: paper out - 12 labels sent but not printed were voided, their items rejected PRINTER_FAULT" */
    String line() {
        StringBuilder b = new StringBuilder("line ").append(lineId).append(" printer: ").append(fault).append(" - ")
                .append(voided).append(voided == 1 ? " label sent but not printed was voided, its item"
                        : " labels sent but not printed were voided, their items").append(" rejected PRINTER_FAULT");
        if (bound > 0) {
            b.append("; printed just before the fault, read and bound: ").append(bound);
        }
        if (rejected > 0) {
            b.append("; printed just before the fault, rejected for their read: ").append(rejected)
                    .append(" (the job report lists them)");
        }
        return b.toString();
    }
}
