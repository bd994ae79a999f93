package io.yima.printing;

import io.yima.drivers.printer.EscPosEncoder;
import io.yima.drivers.printer.LabelEncoder;
import io.yima.drivers.printer.ZplEncoder;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The output forms a label can take, by the names used in config and on the command line. */
public enum LabelFormat {
    PNG("png"),
    ZPL("zpl"),
    ZPL_RLE("zpl-rle"),
    ZPL_Z64("zpl-z64"),
    ZPL_NATIVE("zpl-native"),
    ESCPOS("escpos"),
    ESCPOS_NATIVE("escpos-native");

    /** Default ESC/POS band height: 256 dot rows is within every printer limit we know (docs/device-protocols.md §2.2). */
    public static final int DEFAULT_BAND_ROWS = 256;

    private final String id;

    LabelFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static LabelFormat parse(String s) {
        for (LabelFormat f : values()) {
            if (f.id.equalsIgnoreCase(s)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown label format '" + s + "', expected one of " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(LabelFormat::id).collect(Collectors.joining(", "));
    }

    /** The printer can draw the QR itself from the URL text. */
    public boolean nativeQr() {
        return this == ZPL_NATIVE || this == ESCPOS_NATIVE;
    }

    /** The printer-language encoder; none for PNG. */
    public LabelEncoder encoder() {
        return switch (this) {
            case PNG -> throw new IllegalStateException("png is an image, not a printer language");
            case ZPL -> new ZplEncoder(ZplEncoder.Graphic.HEX);
            case ZPL_RLE -> new ZplEncoder(ZplEncoder.Graphic.RLE);
            case ZPL_Z64 -> new ZplEncoder(ZplEncoder.Graphic.Z64);
            case ZPL_NATIVE -> new ZplEncoder(ZplEncoder.Graphic.NATIVE_QR);
            case ESCPOS -> new EscPosEncoder(false, DEFAULT_BAND_ROWS);
            case ESCPOS_NATIVE -> new EscPosEncoder(true, DEFAULT_BAND_ROWS);
        };
    }
}
