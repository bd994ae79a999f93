package io.yima.line;

/** Why an item is kicked out; the names are the PLC protocol's and the status page's. */
public enum RejectReason { NO_READ, MISMATCH, DUPLICATE, FOREIGN, TIMEOUT, PRINTER_FAULT }
