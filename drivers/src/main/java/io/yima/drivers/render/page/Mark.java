package io.yima.drivers.render.page;

import io.yima.drivers.render.Raster;
import java.util.Objects;

/** One thing drawn on a label page, in printer dots from the label's top-left corner. */
public sealed interface Mark permits Mark.Graphic, Mark.Box, Mark.DataMatrix, Mark.Text {

    void drawOn(Bitmap b);

    /**
     * A picture: the symbol, a line of text, a logo.
     *
     * @param storedName where a printer that keeps graphics (ZPL {@code ~DG}) keeps this one, or null to send it
     *                   inside the label's format; only fixed marks (the logo) have one
     */
    record Graphic(int x, int y, Raster raster, String storedName) implements Mark {
        public Graphic {
            Objects.requireNonNull(raster, "raster");
        }

        public Graphic(int x, int y, Raster raster) {
            this(x, y, raster, null);
        }

        @Override
        public void drawOn(Bitmap b) {
            b.draw(raster, x, y);
        }
    }

    /** A box outline {@code t} dots thick; a line is a box no taller (or wider) than its thickness. */
    record Box(int x, int y, int width, int height, int thickness) implements Mark {
        public Box {
            if (width < 1 || height < 1 || thickness < 1) {
                throw new IllegalArgumentException("a box needs a size and a thickness of at least 1 dot");
            }
        }

        @Override
        public void drawOn(Bitmap b) {
            b.box(x, y, width, height, thickness);
        }
    }

    /**
     * A square ECC 200 Data Matrix: {@code raster} is the symbol with its quiet zone as dots, its corner at
     * ({@code x}, {@code y}); the symbol itself starts {@code quietDots} further right and down, is
     * {@code modules} x {@code modules} modules of {@code moduleDots} dots and encodes {@code content}.
     */
    record DataMatrix(int x, int y, Raster raster, String content, int quietDots, int moduleDots, int modules)
            implements Mark {
        public DataMatrix {
            Objects.requireNonNull(raster, "raster");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public void drawOn(Bitmap b) {
            b.draw(raster, x, y);
        }
    }

    /**
     * A line of text that changes on every label (the code, the label number, the item), which a printer with
     * fonts of its own draws itself: ZPL {@code ^A0} (a {@code ^FN} field of the stored format), TSPL {@code TEXT}.
     * Only printable ASCII goes that way (the encoders check what their language can carry); anything else, and a
     * printer without fonts, prints {@code raster}, the edge's own drawing, which is also what the preview shows.
     *
     * @param heightDots the font size (em height) in dots, as the template gives it
     * @param field      the field's number in a stored format ({@code ^FN}), 1 and up, one per template element
     */
    record Text(int x, int y, int heightDots, int field, String text, Raster raster) implements Mark {
        public Text {
            Objects.requireNonNull(raster, "raster");
            Objects.requireNonNull(text, "text");
            if (heightDots < 1 || field < 1) {
                throw new IllegalArgumentException("a text field needs a height and a field number of at least 1");
            }
        }

        /** True when every character is printable ASCII: what the printers' built-in Latin fonts hold. */
        public boolean printableAscii() {
            return text.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
        }

        /** The edge's drawing, as a picture at the same place. */
        public Graphic asGraphic() {
            return new Graphic(x, y, raster);
        }

        @Override
        public void drawOn(Bitmap b) {
            b.draw(raster, x, y);
        }
    }
}
