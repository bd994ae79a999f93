package io.yima.sim.printer;

import io.yima.sim.label.LabelRaster;
import io.yima.sim.label.PrintedText;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulated printers' own font: Java's logical monospaced font, without anti-aliasing, scaled so its line
 * (ascent + descent) is the field's height and each character's width follows the requested width. It stands in
 * for a printer's resident font (Zebra font 0, TSC font "0"): not the same glyphs, but the same place and size, the
 * same on every run. Thread-safe.
 */
final class FontPainter {
    /** Wider fields are clipped (no real label is wider); taller text is drawn this high (a 85 mm letter at 300 dpi). */
    private static final int MAX_DOTS = 4000;
    private static final int MAX_HEIGHT = 1000;
    private static final int MAX_CHARS = 500;

    /** Fonts already scaled, by height and width factor: a label run uses two or three, each set up once. */
    private static final Map<Key, Sized> SIZED = new ConcurrentHashMap<>();
    private static final int MAX_SIZES = 64;

    private FontPainter() {
    }

    private record Key(int height, double widthScale) {
    }

    private record Sized(Font font, FontMetrics metrics) {
    }

    private static Sized size(Key k) {
        int h = k.height();
        Font base = new Font(Font.MONOSPACED, Font.PLAIN, h);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D pg = probe.createGraphics();
        try {
            hints(pg);
            FontMetrics bm = pg.getFontMetrics(base);
            float size = (float) h * h / Math.max(1, bm.getAscent() + bm.getDescent());
            Font font = base.deriveFont(size).deriveFont(AffineTransform.getScaleInstance(k.widthScale(), 1.0));
            return new Sized(font, pg.getFontMetrics(font));
        } finally {
            pg.dispose();
        }
    }

    /** A drawn field: its dots and what it records. */
    record Drawn(LabelRaster raster, PrintedText text) {
    }

    /**
     * Draws {@code text} with its top-left corner at (x, y), {@code height} dots high and characters scaled
     * {@code width / height} across (width = height: the font's own proportions).
     */
    static Drawn paint(String text, int x, int y, int height, int width) {
        int h = Math.max(1, Math.min(height, MAX_HEIGHT));
        double sx = width > 0 ? Math.min(10.0, (double) width / h) : 1.0;
        String s = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        Key key = new Key(h, sx);
        Sized sized = SIZED.get(key);
        if (sized == null) {
            sized = size(key);
            // bounded: a sender choosing a new size for every field gets its fonts set up each time, not kept
            if (SIZED.size() < MAX_SIZES) {
                SIZED.putIfAbsent(key, sized);
            }
        }
        Font font = sized.font();
        FontMetrics m = sized.metrics();
        int w = Math.max(1, Math.min(MAX_DOTS, m.stringWidth(s)));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = img.createGraphics();
        try {
            hints(g);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setColor(Color.BLACK);
            g.setFont(font);
            g.drawString(s, 0, Math.min(h, m.getAscent()));
        } finally {
            g.dispose();
        }
        LabelRaster r = new LabelRaster(w, h);
        for (int yy = 0; yy < h; yy++) {
            for (int xx = 0; xx < w; xx++) {
                if ((img.getRGB(xx, yy) & 0xFFFFFF) == 0) {
                    r.set(xx, yy, true);
                }
            }
        }
        return new Drawn(r, new PrintedText(x, y, height, w, text));
    }

    private static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
    }
}
