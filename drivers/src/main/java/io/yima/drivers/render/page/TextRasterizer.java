package io.yima.drivers.render.page;

import io.yima.drivers.render.Raster;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Text as printer dots, drawn with a font file the edge loads itself (TrueType, OpenType or a {@code .ttc}
 * collection), so Chinese prints the same on every printer whatever fonts it has. Anti-aliasing is off: every
 * dot is black or white, and the same text at the same size always gives the same dots. Thread-safe.
 */
public final class TextRasterizer {
    /** Longest text drawn: a label line, not a paragraph. */
    public static final int MAX_CHARS = 200;

    private final Font font;
    private final Path file;

    private TextRasterizer(Font font, Path file) {
        this.font = font;
        this.file = file;
    }

    /** Loads the first face of {@code file}; the message says what to install when it is missing. */
    public static TextRasterizer load(Path file) {
        Objects.requireNonNull(file, "font file");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("font file " + file + " not found"
                    + (file.equals(DefaultFont.SYSTEM) ? " (install Debian's fonts-wqy-microhei, or set label.font)" : ""));
        }
        try {
            Font[] faces = Font.createFonts(file.toFile());
            if (faces.length == 0) {
                throw new IllegalArgumentException("font file " + file + " holds no font");
            }
            return new TextRasterizer(faces[0], file);
        } catch (FontFormatException | IOException e) {
            throw new IllegalArgumentException("font file " + file + " cannot be read as a TrueType/OpenType font: "
                    + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** True when the font has a glyph for every character of {@code text}. */
    public boolean canDisplay(String text) {
        return font.canDisplayUpTo(text) < 0;
    }

    /**
     * One line of text, {@code sizeDots} the font size (em height) in dots. The raster's top is the top of the
     * line box (ascent + descent), its left edge the text origin; an empty text is one white dot wide.
     */
    public Raster render(String text, int sizeDots) {
        if (sizeDots < 4 || sizeDots > 2000) {
            throw new IllegalArgumentException("text size must be 4..2000 dots, got " + sizeDots);
        }
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("text longer than " + MAX_CHARS + " characters");
        }
        Font f = font.deriveFont((float) sizeDots);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D pg = probe.createGraphics();
        FontMetrics m;
        int w;
        try {
            hints(pg);
            m = pg.getFontMetrics(f);
            w = Math.max(1, m.stringWidth(text));
        } finally {
            pg.dispose();
        }
        int h = Math.max(1, m.getAscent() + m.getDescent());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = img.createGraphics();
        try {
            hints(g);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setColor(java.awt.Color.BLACK);
            g.setFont(f);
            g.drawString(text, 0, m.getAscent());
        } finally {
            g.dispose();
        }
        // TYPE_BYTE_BINARY: 1 bit per pixel, MSB first, rows padded to bytes, 1 = white in its palette: invert.
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int bpr = (w + 7) >>> 3;
        byte[] rows = new byte[bpr * h];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (byte) ~data[i];
        }
        int pad = bpr * 8 - w;
        if (pad > 0) {
            byte keep = (byte) (0xFF << pad);
            for (int y = 0; y < h; y++) {
                rows[y * bpr + bpr - 1] &= keep;
            }
        }
        return Raster.of(w, h, rows);
    }

    private static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
    }
}
