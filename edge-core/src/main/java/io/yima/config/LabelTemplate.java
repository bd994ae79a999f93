package io.yima.config;

import java.util.List;

/**
 * A label layout drawn by the edge ({@code lines[].label.template}, docs/labels.md): the elements placed on the
 * label (its size and resolution are the label section's {@code width_mm}, {@code height_mm}, {@code dpi}).
 * Either {@code elements} inline or {@code file}, a YAML file holding {@code elements:}. Positions and sizes are
 * millimetres from the label's top-left corner.
 */
public record LabelTemplate(List<Element> elements, String file) {

    /** One element: exactly one of its keys is given. */
    public record Element(Symbol symbol, Text text, Logo logo, Box box, Box line) {
    }

    /**
     * The code's symbol. {@code type}: {@code qr}, {@code microcode}, {@code datamatrix}, or absent for the job's
     * symbol; {@code sizeMm} is the symbol without its quiet zone, {@code xMm}/{@code yMm} the quiet zone's corner.
     */
    public record Symbol(Double xMm, Double yMm, Double sizeMm, String type, Integer quietZone) {
    }

    /**
     * One line of text; {@code value} may hold fields such as {@code {sku}} or {@code {date+365d:yyyy-MM-dd}}.
     * {@code printerFont}: whether text that changes on every label ({@code {code}}, {@code {seq}}, ...) may be
     * printed in the printer's own font when it is plain ASCII (default true); false draws it as dots, for a
     * printer that lacks the font.
     */
    public record Text(Double xMm, Double yMm, Double heightMm, String value, Boolean printerFont) {
        public Text(Double xMm, Double yMm, Double heightMm, String value) {
            this(xMm, yMm, heightMm, value, null);
        }

        // kept out of the constructor: printer_font written true is refused on text that is not per label
        public boolean printerFontOrDefault() {
            return printerFont == null || printerFont;
        }
    }

    /** A PNG or BMP picture printed {@code widthMm} wide (its height follows its proportions). */
    public record Logo(Double xMm, Double yMm, Double widthMm, String file) {
    }

    /** A box outline; a line is a box no taller (or no wider) than its thickness. */
    public record Box(Double xMm, Double yMm, Double widthMm, Double heightMm, Double thicknessMm) {
    }

    /** This template with its file paths (logos, template file) resolved against {@code base}. */
    public LabelTemplate resolvedAgainst(java.nio.file.Path base) {
        List<Element> els = elements == null ? null : elements.stream().map(e -> e.logo() == null || e.logo().file() == null
                ? e : new Element(null, null, new Logo(e.logo().xMm(), e.logo().yMm(), e.logo().widthMm(),
                FieldFiles.resolve(base, e.logo().file())), null, null)).toList();
        return new LabelTemplate(els, FieldFiles.resolve(base, file));
    }
}
