package io.yima.line;

/** What a line depends on to issue labels; any of them failing pauses it. */
public enum Device { PRINTER, SCANNER, VAULT }
