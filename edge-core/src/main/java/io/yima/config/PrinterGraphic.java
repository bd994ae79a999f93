package io.yima.config;

/**
 * {@code lines[].printer.graphic}: how the code reaches the printer. HEX, RLE and Z64 are ZPL's image encodings and
 * BITMAP is TSPL's; NATIVE lets the printer draw the QR itself. ESC/POS sends a raster image unless NATIVE.
 */
public enum PrinterGraphic {
    BITMAP,
    HEX,
    NATIVE,
    RLE,
    Z64
}
