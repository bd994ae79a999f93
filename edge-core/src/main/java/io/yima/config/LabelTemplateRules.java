package io.yima.config;

import io.yima.labeltext.FieldPattern;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The checks of a label template that need no file: one kind per element, sizes, positions on the label, fields. */
public final class LabelTemplateRules {
    private static final Set<String> SYMBOL_TYPES = Set.of("qr", "microcode", "datamatrix");

    private LabelTemplateRules() {
    }

    /** @param at the label section's path ({@code lines[0].label}) */
    public static void check(LineConfig.Label label, LineConfig.Printer printer, String at) {
        if (label.timeZone() != null) {
            try {
                ZoneId.of(label.timeZone());
            } catch (DateTimeException e) {
                throw ConfigException.at(at + ".time_zone", "'" + label.timeZone()
                        + "' is not a time zone (e.g. Asia/Shanghai, UTC, +08:00)");
            }
        }
        LabelTemplate t = label.template();
        if (t == null) {
            return;
        }
        if ((t.elements() == null) == (t.file() == null)) {
            throw ConfigException.at(at + ".template", "give elements (the layout) or file (a YAML file holding"
                    + " elements), one of them");
        }
        if (printer.graphicOrDefault() == PrinterGraphic.NATIVE) {
            throw ConfigException.at(at + ".template", "a template is printed as dots; printer.graphic NATIVE"
                    + " cannot print it (use Z64, RLE or HEX)");
        }
        if (t.elements() != null) {
            elements(t.elements(), label, at + ".template");
        }
    }

    /**
     * Checks a template's elements; {@code at} is where {@code elements} is ({@code lines[0].label.template}), empty
     * in a template file.
     */
    public static void elements(List<LabelTemplate.Element> elements, LineConfig.Label label, String at) {
        double w = label.widthMm();
        double h = label.heightMm();
        int symbols = 0;
        String list = at.isEmpty() ? "elements" : at + ".elements";
        for (int i = 0; i < elements.size(); i++) {
            LabelTemplate.Element e = elements.get(i);
            String here = list + "[" + i + "]";
            if (e == null) {
                throw ConfigException.at(here, "empty element (give one of symbol, text, logo, box, line)");
            }
            int kinds = (e.symbol() != null ? 1 : 0) + (e.text() != null ? 1 : 0) + (e.logo() != null ? 1 : 0)
                    + (e.box() != null ? 1 : 0) + (e.line() != null ? 1 : 0);
            if (kinds != 1) {
                throw ConfigException.at(here, kinds == 0 ? "empty element (give one of symbol, text, logo, box, line)"
                        : "one element per list item: symbol, text, logo, box or line");
            }
            if (e.symbol() != null) {
                symbols++;
                LabelTemplate.Symbol s = e.symbol();
                place(s.xMm(), s.yMm(), w, h, here + ".symbol");
                required(s.sizeMm(), here + ".symbol.size_mm", "the symbol's side in mm, without its quiet zone");
                if (s.type() != null && !SYMBOL_TYPES.contains(s.type().toLowerCase(Locale.ROOT))) {
                    throw ConfigException.at(here + ".symbol.type", "'" + s.type() + "' is not one of qr, microcode,"
                            + " datamatrix (leave it out for the job's symbol)");
                }
                if (s.quietZone() != null && (s.quietZone() < 0 || s.quietZone() > 20)) {
                    throw ConfigException.at(here + ".symbol.quiet_zone", "must be 0 to 20 modules");
                }
            } else if (e.text() != null) {
                LabelTemplate.Text t = e.text();
                place(t.xMm(), t.yMm(), w, h, here + ".text");
                required(t.heightMm(), here + ".text.height_mm", "the font size in mm");
                if (t.value() == null || t.value().isEmpty()) {
                    throw ConfigException.at(here + ".text.value", "required: the text, with fields such as {sku}");
                }
                FieldPattern pattern;
                try {
                    pattern = FieldPattern.parse(t.value());
                } catch (IllegalArgumentException ex) {
                    throw ConfigException.at(here + ".text.value", ex.getMessage());
                }
                if (Boolean.TRUE.equals(t.printerFont()) && !pattern.perLabel()) {
                    throw ConfigException.at(here + ".text.printer_font", "only text that changes on every label"
                            + " ({code}, {url}, {item}, {seq}) prints in the printer's font; this text is the same for"
                            + " the whole job and is drawn once with the label font (leave printer_font out)");
                }
                if (Boolean.TRUE.equals(t.printerFont()) && !pattern.asciiLiterals()) {
                    throw ConfigException.at(here + ".text.printer_font", "a printer's built-in font prints plain"
                            + " ASCII only; this text has other characters (Chinese, symbols) and is drawn as dots"
                            + " with the label font (leave printer_font out)");
                }
            } else if (e.logo() != null) {
                place(e.logo().xMm(), e.logo().yMm(), w, h, here + ".logo");
                required(e.logo().widthMm(), here + ".logo.width_mm", "the printed width in mm");
                if (e.logo().file() == null || e.logo().file().isBlank()) {
                    throw ConfigException.at(here + ".logo.file", "required: a PNG or BMP file");
                }
            } else {
                String kind = e.box() != null ? "box" : "line";
                LabelTemplate.Box b = e.box() != null ? e.box() : e.line();
                place(b.xMm(), b.yMm(), w, h, here + "." + kind);
                required(b.widthMm(), here + "." + kind + ".width_mm", "in mm");
                required(b.heightMm(), here + "." + kind + ".height_mm", "in mm");
                if (b.thicknessMm() != null && !(b.thicknessMm() > 0)) {
                    throw ConfigException.at(here + "." + kind + ".thickness_mm", "must be above 0 mm");
                }
                if (b.xMm() + b.widthMm() > w + 1e-9 || b.yMm() + b.heightMm() > h + 1e-9) {
                    throw ConfigException.at(here + "." + kind, String.format(Locale.ROOT,
                            "reaches past the %.1f x %.1f mm label", w, h));
                }
            }
        }
        if (symbols != 1) {
            throw ConfigException.at(list, symbols == 0 ? "needs a symbol element (the code)"
                    : "has " + symbols + " symbol elements; a label carries its code once");
        }
    }

    private static void place(Double x, Double y, double w, double h, String at) {
        if (x == null || y == null) {
            throw ConfigException.at(at + (x == null ? ".x_mm" : ".y_mm"), "required (mm from the label's top-left)");
        }
        if (x < 0 || x >= w) {
            throw ConfigException.at(at + ".x_mm", String.format(Locale.ROOT, "%s mm is not on the %.1f mm wide label",
                    x, w));
        }
        if (y < 0 || y >= h) {
            throw ConfigException.at(at + ".y_mm", String.format(Locale.ROOT, "%s mm is not on the %.1f mm high label",
                    y, h));
        }
    }

    private static void required(Double v, String at, String what) {
        if (v == null) {
            throw ConfigException.at(at, "required: " + what);
        }
        if (!(v > 0) || v > 1000) {
            throw ConfigException.at(at, "must be above 0 and at most 1000 mm");
        }
    }
}
