package io.yima.drivers.render;

import java.util.List;
import java.util.Objects;

/**
 * The layout of one label: its size and the printer's resolution, which symbol goes where and how large.
 *
 * <p>{@code symbolSizeMm} is the side of the symbol itself; the quiet zone ({@code quietZoneModules} white modules on
 * every side) comes on top of it. {@code xMm}/{@code yMm} place the top-left corner of the quiet-zone box. The
 * human-readable line (the 9-character code) and the fixed lines (SKU, batch) are printed below the symbol.
 */
public record LabelSpec(double widthMm, double heightMm, int dpi, Symbology symbol, double symbolSizeMm,
                        double xMm, double yMm, int quietZoneModules, boolean humanReadable, List<String> fixedText) {

    public LabelSpec {
        Objects.requireNonNull(symbol, "symbol");
        if (!(widthMm > 0) || !(heightMm > 0)) {
            throw new IllegalArgumentException("label size must be positive, got " + widthMm + " x " + heightMm + " mm");
        }
        if (dpi < 100 || dpi > 1200) {
            throw new IllegalArgumentException("dpi must be between 100 and 1200 (203, 300, 600 are usual), got " + dpi);
        }
        if (!(symbolSizeMm > 0)) {
            throw new IllegalArgumentException("symbol size must be positive, got " + symbolSizeMm + " mm");
        }
        if (xMm < 0 || yMm < 0) {
            throw new IllegalArgumentException("symbol position must not be negative, got " + xMm + ", " + yMm + " mm");
        }
        if (quietZoneModules < 0 || quietZoneModules > 20) {
            throw new IllegalArgumentException("quiet zone must be 0..20 modules, got " + quietZoneModules);
        }
        fixedText = fixedText == null ? List.of() : List.copyOf(fixedText);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Millimetres to printer dots, rounded down so nothing grows past what was asked for. */
    public int dots(double mm) {
        return (int) Math.floor(mm * dpi / 25.4 + 1e-9);
    }

    public int widthDots() {
        return dots(widthMm);
    }

    public int heightDots() {
        return dots(heightMm);
    }

    /** Defaults: a 30 × 20 mm label at 300 dpi, a 10 mm microcode at (2, 2) mm, 4-module quiet zone, code printed below. */
    public static final class Builder {
        private double widthMm = 30;
        private double heightMm = 20;
        private int dpi = 300;
        private Symbology symbol = Symbology.MICROCODE;
        private double symbolSizeMm = 10;
        private double xMm = 1;
        private double yMm = 1;
        private int quietZoneModules = 4;
        private boolean humanReadable = true;
        private List<String> fixedText = List.of();

        public Builder size(double widthMm, double heightMm) {
            this.widthMm = widthMm;
            this.heightMm = heightMm;
            return this;
        }

        public Builder dpi(int dpi) {
            this.dpi = dpi;
            return this;
        }

        public Builder symbol(Symbology symbol) {
            this.symbol = symbol;
            return this;
        }

        public Builder symbolSizeMm(double symbolSizeMm) {
            this.symbolSizeMm = symbolSizeMm;
            return this;
        }

        public Builder position(double xMm, double yMm) {
            this.xMm = xMm;
            this.yMm = yMm;
            return this;
        }

        public Builder quietZoneModules(int quietZoneModules) {
            this.quietZoneModules = quietZoneModules;
            return this;
        }

        public Builder humanReadable(boolean humanReadable) {
            this.humanReadable = humanReadable;
            return this;
        }

        public Builder fixedText(List<String> fixedText) {
            this.fixedText = fixedText;
            return this;
        }

        public LabelSpec build() {
            return new LabelSpec(widthMm, heightMm, dpi, symbol, symbolSizeMm, xMm, yMm, quietZoneModules,
                    humanReadable, fixedText);
        }
    }
}
