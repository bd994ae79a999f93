package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.drivers.render.Raster;
import io.yima.drivers.render.page.LabelPage;
import io.yima.drivers.render.page.Mark;
import io.yima.sim.label.LabelRaster;
import io.yima.sim.label.PrintedLabel;
import io.yima.sim.label.PrintedText;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a printed templated label with the edge's page for it when some per-label text was drawn by the printer
 * in its own font: the printer's glyphs are not the edge's, so inside those fields the test checks that the printer
 * drew the expected text at the expected place and height, and everywhere else that every dot equals the preview.
 */
final class PrinterFontFields {
    /** How far (dots) a field may sit from the template's place. */
    static final int PLACE_TOLERANCE = 1;

    private PrinterFontFields() {
    }

    /** The page's per-label text fields with something to print: what a ZPL or TSPL printer draws in its font. */
    static List<Mark.Text> expected(LabelPage page) {
        List<Mark.Text> out = new ArrayList<>();
        for (Mark m : page.variable()) {
            if (m instanceof Mark.Text t && !t.text().isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * @param printerFonts    whether the printer language draws the page's text fields itself (ZPL, TSPL)
     * @param heightTolerance how far the printer's font height may be from the template's, in dots (TSPL rounds
     *                        to whole points)
     * @return the areas of the printer-font fields, to leave out of any other comparison with the preview
     */
    static List<int[]> assertPrinted(PrintedLabel printed, LabelPage page, boolean printerFonts, int heightTolerance) {
        List<Mark.Text> expected = printerFonts ? expected(page) : List.of();
        List<PrintedText> got = printed.textFields();
        assertThat(got.stream().map(PrintedText::text).toList())
                .as("label %d: the text the printer drew in its own font", printed.sequence())
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(Mark.Text::text).toList());
        List<int[]> masks = new ArrayList<>();
        for (Mark.Text t : expected) {
            PrintedText p = got.stream().filter(g -> g.text().equals(t.text())
                            && Math.abs(g.x() - t.x()) <= PLACE_TOLERANCE && Math.abs(g.y() - t.y()) <= PLACE_TOLERANCE)
                    .findFirst().orElse(null);
            assertThat(p).as("label %d: '%s' drawn at (%d,%d) within %d dot; the printer drew %s", printed.sequence(),
                    t.text(), t.x(), t.y(), PLACE_TOLERANCE, got).isNotNull();
            assertThat(Math.abs(p.heightDots() - t.heightDots())).as("label %d: '%s' is %d dots high, the template"
                    + " says %d", printed.sequence(), t.text(), p.heightDots(), t.heightDots())
                    .isLessThanOrEqualTo(heightTolerance);
            int x0 = Math.min(t.x(), p.x());
            int y0 = Math.min(t.y(), p.y());
            int x1 = Math.max(t.x() + t.raster().width(), p.x() + p.widthDots());
            int y1 = Math.max(t.y() + t.raster().height(), p.y() + p.heightDots());
            int[] box = {x0, y0, x1, y1};
            int black = 0;
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    black += printed.raster().get(x, y) ? 1 : 0;
                }
            }
            assertThat(black).as("label %d: the printer drew '%s' (black dots in its field)", printed.sequence(),
                    t.text()).isGreaterThan(t.text().length());
            masks.add(box);
        }
        assertSameDotsOutside(printed, page.raster(), masks);
        return masks;
    }

    static boolean inside(List<int[]> masks, int x, int y) {
        for (int[] m : masks) {
            if (x >= m[0] && x < m[2] && y >= m[1] && y < m[3]) {
                return true;
            }
        }
        return false;
    }

    private static void assertSameDotsOutside(PrintedLabel printed, Raster preview, List<int[]> masks) {
        LabelRaster r = printed.raster();
        assertThat(r.width()).as("label %d width", printed.sequence()).isGreaterThanOrEqualTo(preview.width());
        assertThat(r.height()).as("label %d height", printed.sequence()).isEqualTo(preview.height());
        List<String> differ = new ArrayList<>();
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                if (!inside(masks, x, y) && r.get(x, y) != preview.isBlack(x, y) && differ.size() < 10) {
                    differ.add("(" + x + "," + y + ")");
                }
            }
        }
        assertThat(differ).as("dots of label %d outside its printer-font fields that differ from its preview",
                printed.sequence()).isEmpty();
    }
}
