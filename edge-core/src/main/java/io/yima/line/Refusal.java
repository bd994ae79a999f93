package io.yima.line;

/**
 * Why the line refused a command. Adapters map these to their own words (the ASCII PLC port: NAK reasons).
 * {@code STALE}: a PRINT that could not be issued within {@code plc.trigger_deadline}; it is dropped, never
 * printed later. {@code JOB_ON_OTHER_LINE}: a START whose job id is open (or stopped) on another line; a job runs
 * on one line only.
 */
public enum Refusal {
    NO_JOB, JOB_OPEN, JOB_STOPPED, JOB_CLOSED, OUT_OF_CODES, PAUSED, BUSY, WRONG_MODE, QUANTITY_REACHED,
    BAD_FIELD, VAULT, SHUTTING_DOWN, INTERNAL, STALE, JOB_ON_OTHER_LINE
}
