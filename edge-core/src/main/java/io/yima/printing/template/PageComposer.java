package io.yima.printing.template;

import io.yima.config.LabelTemplate;
import io.yima.config.LineConfig;
import io.yima.drivers.render.LabelRenderer;
import io.yima.drivers.render.LabelSpec;
import io.yima.drivers.render.Raster;
import io.yima.drivers.render.Symbology;
import io.yima.drivers.render.page.DataMatrixSymbol;
import io.yima.drivers.render.page.DefaultFont;
import io.yima.drivers.render.page.ImageRasters;
import io.yima.drivers.render.page.LabelPage;
import io.yima.drivers.render.page.Mark;
import io.yima.drivers.render.page.TextRasterizer;
import io.yima.labeltext.FieldPattern;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A line's label template made ready to print: positions in dots, the font and logos loaded, and each text element
 * remembering the last text it drew, so the job's text (title, batch, dates) is drawn once per job and only the
 * code, item and label number per label. Builds one {@link LabelPage} per label. Not thread-safe: one per line
 * (the line's thread), one per {@code render}.
 */
public final class PageComposer {
    private final int dpi;
    private final int widthDots;
    private final int heightDots;
    private final ZoneId zone;
    private final List<Element> elements = new ArrayList<>();
    private String fixedKey;
    private List<String> fixedTexts = List.of();

    private sealed interface Element permits SymbolEl, TextEl, LogoEl, BoxEl {
    }

    private static final class SymbolEl implements Element {
        final LabelTemplate.Symbol cfg;
        final Map<Symbology, LabelRenderer> renderers = new EnumMap<>(Symbology.class);

        SymbolEl(LabelTemplate.Symbol cfg) {
            this.cfg = cfg;
        }
    }

    private static final class TextEl implements Element {
        final int x;
        final int y;
        final int size;
        final FieldPattern pattern;
        /** The printer's ^FN field number of per-label text the printer may draw in its own font; 0: always dots. */
        final int field;
        String lastText;
        Raster lastRaster;

        TextEl(int x, int y, int size, FieldPattern pattern, int field) {
            this.x = x;
            this.y = y;
            this.size = size;
            this.pattern = pattern;
            this.field = field;
        }
    }

    private record LogoEl(Mark.Graphic mark) implements Element {
    }

    private record BoxEl(Mark.Box mark) implements Element {
    }

    private final TextRasterizer font;

    /**
     * Loads what the template needs; an element that cannot be printed (a symbol too small for the printer, a
     * logo that is not a picture) fails here, naming it.
     */
    public PageComposer(LineConfig.Label label) {
        LabelTemplate t = label.template();
        if (t == null || t.elements() == null) {
            throw new IllegalArgumentException("the label has no template elements");
        }
        this.dpi = label.dpi();
        double wMm = label.widthMm();
        double hMm = label.heightMm();
        this.widthDots = dots(wMm);
        this.heightDots = dots(hMm);
        this.zone = label.timeZone() == null ? ZoneId.systemDefault() : ZoneId.of(label.timeZone());
        boolean anyText = t.elements().stream().anyMatch(e -> e.text() != null);
        this.font = anyText ? TextRasterizer.load(label.font() == null ? DefaultFont.path()
                : Path.of(label.font())) : null;
        int fields = 0;
        for (int i = 0; i < t.elements().size(); i++) {
            LabelTemplate.Element e = t.elements().get(i);
            String at = "template element " + (i + 1) + ": ";
            try {
                if (e.symbol() != null) {
                    elements.add(new SymbolEl(e.symbol()));
                } else if (e.text() != null) {
                    FieldPattern p = FieldPattern.parse(e.text().value());
                    // Chinese letters in the text itself: the printers' built-in fonts have no glyphs for them
                    int field = p.perLabel() && p.asciiLiterals() && e.text().printerFontOrDefault() ? ++fields : 0;
                    elements.add(new TextEl(dots(e.text().xMm()), dots(e.text().yMm()), dots(e.text().heightMm()), p,
                            field));
                } else if (e.logo() != null) {
                    Raster r = ImageRasters.load(Path.of(e.logo().file()), dots(e.logo().widthMm()));
                    elements.add(new LogoEl(new Mark.Graphic(dots(e.logo().xMm()), dots(e.logo().yMm()), r,
                            "R:L" + hash(r.rows()).substring(0, 7) + ".GRF")));
                } else {
                    LabelTemplate.Box b = e.box() != null ? e.box() : e.line();
                    int w = Math.max(1, dots(b.widthMm()));
                    int h = Math.max(1, dots(b.heightMm()));
                    int th = b.thicknessMm() != null ? Math.max(1, dots(b.thicknessMm()))
                            : e.line() != null ? Math.min(w, h) : Math.max(1, dots(0.25));
                    elements.add(new BoxEl(new Mark.Box(dots(b.xMm()), dots(b.yMm()), w, h, th)));
                }
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(at + ex.getMessage(), ex);
            }
        }
    }

    public ZoneId zone() {
        return zone;
    }

    /** Checks the symbol fits for the job's symbology up front, so a bad size fails START, not the first label. */
    public void prepare(Symbology jobSymbol) {
        for (Element e : elements) {
            if (e instanceof SymbolEl s && type(s, jobSymbol) != null) {
                renderer(s, type(s, jobSymbol));
            }
        }
    }

    /** One label: the fixed marks (cached while their text stays the same) and this label's own. */
    public LabelPage compose(PrintableCode code, Symbology jobSymbol, LabelValues values) {
        List<Mark> fixed = new ArrayList<>();
        List<Mark> variable = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Element e : elements) {
            if (e instanceof SymbolEl s) {
                variable.add(symbol(s, code, jobSymbol));
            } else if (e instanceof TextEl t) {
                String text = t.pattern.resolve(values);
                if (!text.equals(t.lastText)) {
                    if (!font.canDisplay(text)) {
                        throw new IllegalArgumentException("the font " + font.file().getFileName()
                                + " has no glyph for some character of '" + text + "'");
                    }
                    t.lastRaster = font.render(text, t.size);
                    t.lastText = text;
                }
                // per-label text goes in the printer's font where the printer has one (the encoder decides by
                // language and characters); the raster is still the preview and the fallback
                Mark m = t.field > 0 ? new Mark.Text(t.x, t.y, t.size, t.field, text, t.lastRaster)
                        : new Mark.Graphic(t.x, t.y, t.lastRaster);
                if (t.pattern.perLabel()) {
                    variable.add(m);
                } else {
                    fixed.add(m);
                    texts.add(text);
                }
            } else if (e instanceof LogoEl l) {
                fixed.add(l.mark());
            } else if (e instanceof BoxEl b) {
                fixed.add(b.mark());
            }
        }
        if (fixedKey == null || !texts.equals(fixedTexts)) {
            fixedTexts = List.copyOf(texts);
            fixedKey = key(fixed, variable);
        }
        return new LabelPage(widthDots, heightDots, fixed, fixedKey, variable);
    }

    private Mark symbol(SymbolEl s, PrintableCode code, Symbology jobSymbol) {
        int x = dots(s.cfg.xMm());
        int y = dots(s.cfg.yMm());
        Symbology type = type(s, jobSymbol);
        if (type == null) {
            int quiet = s.cfg.quietZone() == null ? 2 : s.cfg.quietZone();
            return DataMatrixSymbol.mark(x, y, code.url(), dots(s.cfg.sizeMm()), quiet);
        }
        LabelRenderer r = renderer(s, type);
        var rendered = type == Symbology.QR ? r.qr(code.url(), null) : r.microcode(code.matrix(), null);
        return new Mark.Graphic(rendered.originXDots(), rendered.originYDots(), rendered.symbol());
    }

    /** The element's symbology; null for Data Matrix, which {@link LabelRenderer} does not draw. */
    private static Symbology type(SymbolEl s, Symbology jobSymbol) {
        if (s.cfg.type() == null) {
            return jobSymbol;
        }
        return switch (s.cfg.type().toLowerCase(Locale.ROOT)) {
            case "qr" -> Symbology.QR;
            case "microcode" -> Symbology.MICROCODE;
            default -> null;
        };
    }

    private LabelRenderer renderer(SymbolEl s, Symbology type) {
        return s.renderers.computeIfAbsent(type, t -> new LabelRenderer(new LabelSpec(widthDots * 25.4 / dpi + 1e-6,
                heightDots * 25.4 / dpi + 1e-6, dpi, t, s.cfg.sizeMm(), s.cfg.xMm(), s.cfg.yMm(),
                s.cfg.quietZone() == null ? (t == Symbology.QR ? 4 : 2) : s.cfg.quietZone(), false, List.of())));
    }

    private int dots(double mm) {
        return (int) Math.floor(mm * dpi / 25.4 + 1e-9);
    }

    /**
     * 7 hex digits of SHA-256 over every fixed mark and the place and size of each printer-font field (a stored
     * format declares them): equal keys, equal fixed marks and fields (to any practical odds).
     */
    private static String key(List<Mark> fixed, List<Mark> variable) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Mark m : fixed) {
                if (m instanceof Mark.Graphic g) {
                    md.update((g.x() + "," + g.y() + "," + g.raster().width() + "x" + g.raster().height() + ";")
                            .getBytes(StandardCharsets.US_ASCII));
                    md.update(g.raster().rows());
                } else if (m instanceof Mark.Box b) {
                    md.update(b.toString().getBytes(StandardCharsets.US_ASCII));
                }
            }
            for (Mark m : variable) {
                if (m instanceof Mark.Text t) {
                    md.update(("field " + t.field() + "@" + t.x() + "," + t.y() + "," + t.heightDots() + ";")
                            .getBytes(StandardCharsets.US_ASCII));
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 7).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hash(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
