package io.yima.drivers.render;

/** What is printed for a code: Tencent's 19×19 microcode matrix, or the 28-character URL as an ordinary QR code. */
public enum Symbology {
    MICROCODE,
    QR
}
