package io.yima.printing;

import io.yima.config.LineConfig;
import io.yima.config.PrinterGraphic;
import io.yima.config.PrinterLanguage;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The output forms a label can take, by the names used in config and on the command line. */
public enum LabelFormat {
    PNG("png"),
    ZPL("zpl"),
    ZPL_HEX("zpl-hex"),
    ZPL_RLE("zpl-rle"),
    ZPL_Z64("zpl-z64"),
    ZPL_NATIVE("zpl-native"),
    ESCPOS("escpos"),
    ESCPOS_NATIVE("escpos-native"),
    TSPL("tspl"),
    TSPL_NATIVE("tspl-native");

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

    /**
     * The printer settings ({@code lines[].printer.language} and {@code graphic}) this format stands for; null for
     * PNG, which is an image of the label, not a printer language. {@code zpl} is the line's default graphic (Z64).
     */
    public LineConfig.Printer printer(LineConfig.Printer base) {
        return switch (this) {
            case PNG -> null;
            case ZPL, ZPL_Z64 -> with(base, PrinterLanguage.ZPL, PrinterGraphic.Z64);
            case ZPL_HEX -> with(base, PrinterLanguage.ZPL, PrinterGraphic.HEX);
            case ZPL_RLE -> with(base, PrinterLanguage.ZPL, PrinterGraphic.RLE);
            case ZPL_NATIVE -> with(base, PrinterLanguage.ZPL, PrinterGraphic.NATIVE);
            case ESCPOS -> with(base, PrinterLanguage.ESCPOS, null); // a raster image, the ESC/POS default
            case ESCPOS_NATIVE -> with(base, PrinterLanguage.ESCPOS, PrinterGraphic.NATIVE);
            case TSPL -> with(base, PrinterLanguage.TSPL, PrinterGraphic.BITMAP);
            case TSPL_NATIVE -> with(base, PrinterLanguage.TSPL, PrinterGraphic.NATIVE);
        };
    }

    private static LineConfig.Printer with(LineConfig.Printer base, PrinterLanguage language,
                                            PrinterGraphic graphic) {
        return base == null
                ? new LineConfig.Printer(null, language, graphic, null, null, null)
                : base.speaking(language, graphic);
    }
}
