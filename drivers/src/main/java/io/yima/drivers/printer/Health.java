package io.yima.drivers.printer;

/** Whether a printer can take labels now. */
public enum Health {
    READY,
    FAULT,
    UNKNOWN
}
