package io.yima.line;

/**
 * Why an item is kicked out; the names are the PLC protocol's and the status page's. {@code VOIDED}: the item's
 * label was on its way (sent, not yet verified) when the edge stopped uncleanly, so start-up recovery voided its
 * code; the label may be on the product but its code will never be activated.
 */
public enum RejectReason { NO_READ, MISMATCH, DUPLICATE, FOREIGN, TIMEOUT, PRINTER_FAULT, VOIDED }
