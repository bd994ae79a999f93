package io.yima.modbus;

import io.yima.line.CaseRejectReason;
import io.yima.line.LineState;
import io.yima.line.Refusal;
import io.yima.line.RejectReason;

/**
 * The numbers the register map uses for the line's words (docs/modbus.md, "Status and result codes"): refusals
 * keep the ASCII protocol's NAK names, only numbered.
 */
final class StatusCodes {
    static final int OK = 1;
    static final int UNKNOWN_COMMAND = 23;
    /** The line did not answer within {@code modbus.timeout}; repeating the request is safe. */
    static final int NO_ANSWER = 24;

    private StatusCodes() {
    }

    static int refusal(Refusal r) {
        return switch (r) {
            case BAD_FIELD -> 10;
            case NO_JOB -> 11;
            case JOB_OPEN -> 12;
            case JOB_STOPPED -> 13;
            case JOB_CLOSED -> 14;
            case OUT_OF_CODES -> 15;
            case PAUSED -> 16;
            case BUSY -> 17;
            case WRONG_MODE -> 18;
            case QUANTITY_REACHED -> 19;
            case VAULT -> 20;
            case SHUTTING_DOWN -> 21;
            case INTERNAL -> 22;
            case STALE -> 25;
            case JOB_ON_OTHER_LINE -> 26;
        };
    }

    static int reject(RejectReason r) {
        return switch (r) {
            case NO_READ -> 30;
            case MISMATCH -> 31;
            case DUPLICATE -> 32;
            case FOREIGN -> 33;
            case TIMEOUT -> 34;
            case PRINTER_FAULT -> 35;
            case VOIDED -> 36;
        };
    }

    /** Map version 2: a case result's code in a result slot: packed. */
    static final int CASE_PACKED = 40;

    /** Map version 2: a refused case's code in a result slot (41 …, in the order of the reasons). */
    static int caseRejected(CaseRejectReason r) {
        return switch (r) {
            case MISSING -> 41;
            case EXTRA -> 42;
            case FOREIGN -> 43;
            case ALREADY_PACKED -> 44;
            case DUPLICATE -> 45;
            case CASE_NO_READ -> 46;
            case NOT_BOUND -> 47;
            case CASE_CODE_USED -> 48;
            case CASE_CODE_FOREIGN -> 49;
            case CASE_CODE_NOT_ISSUED -> 50;
            case PRINTER_FAULT -> 51;
            case VAULT -> 52;
        };
    }

    static int state(LineState s) {
        return switch (s) {
            case IDLE -> 0;
            case RUNNING -> 1;
            case STOPPED -> 2;
            case PAUSED -> 3;
        };
    }
}
