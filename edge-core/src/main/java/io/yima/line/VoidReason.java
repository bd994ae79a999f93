package io.yima.line;

/** Why the line voided codes; the names are the vault's {@code reason} column. */
public enum VoidReason { JOB_CLOSED, SEND_FAILED, RENDER_FAILED, PRINTER_FAULT }
