package io.yima.printing;

import io.yima.config.LineConfig;
import io.yima.config.PrinterGraphic;
import io.yima.drivers.printer.EscPosEncoder;
import io.yima.drivers.printer.LabelEncoder;
import io.yima.drivers.printer.PrinterProtocol;
import io.yima.drivers.printer.TsplEncoder;
import io.yima.drivers.printer.ZplEncoder;

/**
 * What {@code lines[].printer.language} and {@code graphic} stand for: the encoder that writes each label and the
 * status conversation the printer session polls with. The one place a printer language is chosen.
 */
public final class PrinterLanguages {
    private PrinterLanguages() {
    }

    public static LabelEncoder encoder(LineConfig.Printer p) {
        boolean nativeQr = p.graphicOrDefault() == PrinterGraphic.NATIVE;
        return switch (p.language()) {
            case ESCPOS -> new EscPosEncoder(nativeQr, p.maxBandHeight());
            case TSPL -> new TsplEncoder(nativeQr ? TsplEncoder.Graphic.NATIVE_QR : TsplEncoder.Graphic.BITMAP);
            case ZPL -> new ZplEncoder(zplGraphic(p));
        };
    }

    /** The ZPL graphic form {@code lines[].printer.graphic} names (Z64 unless said otherwise). */
    public static ZplEncoder.Graphic zplGraphic(LineConfig.Printer p) {
        return switch (p.graphicOrDefault()) {
            case HEX -> ZplEncoder.Graphic.HEX;
            case RLE -> ZplEncoder.Graphic.RLE;
            case NATIVE -> ZplEncoder.Graphic.NATIVE_QR;
            case Z64, BITMAP -> ZplEncoder.Graphic.Z64; // BITMAP is refused for ZPL when the config is read
        };
    }

    /**
     * ZPL: {@code ~HQES} with every {@code ~HS}, because a Zebra goes silent on {@code ~HS} when the paper is out or
     * the head open, and only the error flags say which (otherwise the PLC hears "no status reply" and the link is
     * rebuilt every 3 polls). TSPL: the one-byte {@code <ESC>!?}, which every TSC firmware and clone answers.
     */
    public static PrinterProtocol protocol(LineConfig.Printer p) {
        return switch (p.language()) {
            case ESCPOS -> PrinterProtocol.escPos();
            case TSPL -> PrinterProtocol.tspl();
            case ZPL -> PrinterProtocol.zplWithErrors();
        };
    }
}
