package io.yima.printing;

import io.yima.config.LineConfig;
import io.yima.config.PrinterLanguage;
import io.yima.drivers.render.LabelRenderer;
import io.yima.drivers.render.LabelSpec;
import io.yima.drivers.render.Raster;
import io.yima.drivers.render.RenderedLabel;
import io.yima.drivers.render.Symbology;
import io.yima.drivers.printer.EscPosPageEncoder;
import io.yima.drivers.printer.EscPosStoredPageEncoder;
import io.yima.drivers.printer.LabelEncoder;
import io.yima.drivers.printer.TsplEncoder;
import io.yima.drivers.printer.TsplPageEncoder;
import io.yima.drivers.printer.ZplPageEncoder;
import io.yima.drivers.render.page.LabelPage;
import io.yima.printing.template.LabelValues;
import io.yima.printing.template.PageComposer;
import io.yima.printing.template.PrintableCode;
import io.yima.vault.CodeRecord;
import io.yima.vault.JobSpec;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * Turns a code into the printer's bytes for this line's label layout and printer language: the one label pipeline.
 * The line prints with it and {@code yima-edge render} uses it too, so a rendered file is byte for byte what the
 * line would send for the same config.
 *
 * <p>With a label template (docs/labels.md) every label is a {@link LabelPage} drawn by the edge. On ZPL with
 * stored formats the page's fixed part is downloaded ({@code ~DG}, {@code ^DF}) in front of the first label that
 * needs it: the first of a job, the first after its fixed text changed (a date at midnight), and the first after
 * the printer was lost (a reconnect or power cycle empties its memory). Each label then carries only
 * {@code ^XF} and its own marks. TSPL stores the fixed part the same way, as a BMP file ({@code DOWNLOAD}, then
 * {@code PUTBMP} and the label's own marks as {@code BITMAP}s), with the same rules for when it is downloaded.
 * ESC/POS with {@code printer.stored_images} does the same with downloaded graphics ({@code GS ( L}): the fixed
 * part as strips in the printer's RAM, each label recalling the strips its own marks leave untouched.
 */
public final class LabelPress {
    private final Map<Symbology, LabelRenderer> renderers = new EnumMap<>(Symbology.class);
    private final LabelEncoder encoder;
    private final LineConfig.Label label;
    private final String lineId;
    private final PageComposer composer;
    private final ZplPageEncoder zplPages;
    private final EscPosPageEncoder escPosPages;
    private final EscPosStoredPageEncoder escPosStored;
    private final TsplPageEncoder tsplPages;
    private final boolean storedFormat;
    /** The stored format the printer holds as far as the line knows, and the one the unsent batch downloads. */
    private String downloaded;
    private String downloading;
    /** The last label pressed (line thread only) and the last one handed to the printer (read by the status port). */
    private LastLabel pressed;
    private volatile LastLabel last;

    public LabelPress(LineConfig line) {
        this.lineId = line.id();
        this.label = line.label() == null
                ? new LineConfig.Label(null, null, null, null, null, null, null, null, null, null) : line.label();
        LineConfig.Printer p = line.printer();
        encoder = PrinterLanguages.encoder(p);
        boolean escPos = p.language() == PrinterLanguage.ESCPOS;
        boolean tspl = p.language() == PrinterLanguage.TSPL;
        if (label.template() != null) {
            // a template prints as dots: ZPL or TSPL (inline or a stored format / image), or ESC/POS raster
            composer = new PageComposer(label);
            zplPages = escPos || tspl ? null : new ZplPageEncoder(PrinterLanguages.zplGraphic(p));
            escPosPages = escPos ? new EscPosPageEncoder(p.maxBandHeight()) : null;
            escPosStored = escPos && p.storedImagesOrDefault()
                    ? new EscPosStoredPageEncoder(p.maxBandHeight()) : null;
            tsplPages = tspl ? new TsplPageEncoder(label.widthMm(), label.heightMm(),
                    TsplEncoder.DEFAULT_GAP_MM, label.dpi()) : null;
            storedFormat = escPos ? escPosStored != null : label.storedFormat();
        } else {
            composer = null;
            zplPages = null;
            escPosPages = null;
            escPosStored = null;
            tsplPages = null;
            storedFormat = false;
        }
    }

    /** Checks the layout for a symbology up front, so a bad size fails START, not the first label. */
    public void prepare(Symbology symbol) {
        if (composer != null) {
            composer.prepare(symbol);
        } else {
            renderer(symbol);
        }
    }

    /** The line's path: the bytes, and the label remembered as the one pressed last (for the preview). */
    public byte[] press(CodeRecord code, Symbology symbol, JobSpec job, String itemId, long seq) {
        PrintableCode printable = new PrintableCode(code.matrix(), code.code(), code.url());
        byte[] bytes;
        Raster preview;
        RenderedLabel rendered = null;
        if (composer != null) {
            LabelPage page = composer.compose(printable, symbol, values(printable, job, itemId, seq));
            bytes = pageBytes(page, true);
            preview = Raster.lazy(page.widthDots(), page.heightDots(), () -> page.raster().rows());
        } else {
            rendered = render(printable, symbol);
            bytes = encoder.encode(rendered);
            RenderedLabel r = rendered;
            preview = LegacyPreview.lazy(r);
        }
        pressed = new LastLabel(code.applicationId(), code.index(), code.code(), rendered, bytes,
                System.currentTimeMillis(), preview);
        return bytes;
    }

    /** The printer's bytes for one label, as the line sends them as the first label of a job. */
    public byte[] press(PrintableCode code, Symbology symbol, LabelValues values) {
        if (composer != null) {
            return pageBytes(composer.compose(code, symbol, values), false);
        }
        return encoder.encode(render(code, symbol));
    }

    /**
     * A templated label's page (its marks, the printer-font text fields among them), or null without a template:
     * what a test needs to know where the printer draws text in its own font.
     */
    public LabelPage page(PrintableCode code, Symbology symbol, LabelValues values) {
        return composer == null ? null : composer.compose(code, symbol, values);
    }

    /**
     * The whole label as the edge draws it: dot for dot what prints, except that text the printer draws in its own
     * font (per-label ASCII text on ZPL and TSPL) shows in the label font at the same place and size.
     */
    public Raster preview(PrintableCode code, Symbology symbol, LabelValues values) {
        if (composer != null) {
            return composer.compose(code, symbol, values).raster();
        }
        return LegacyPreview.of(render(code, symbol));
    }

    /** Sample values for a label printed outside a job ({@code render}): today in the line's zone. */
    public LabelValues sample(PrintableCode code, String sku, String batch, String title, String item) {
        LocalDate today = LocalDate.now(composer != null ? composer.zone() : java.time.ZoneId.systemDefault());
        return new LabelValues(code.code(), code.url(), sku, batch, title, null, lineId, "JOB", item, 1, today);
    }

    /** The symbol's raster alone, before the printer language (the legacy layout). */
    public RenderedLabel render(PrintableCode code, Symbology symbol) {
        String human = label.humanReadable() ? code.code() : null;
        return symbol == Symbology.QR
                ? renderer(symbol).qr(code.url(), human)
                : renderer(symbol).microcode(code.matrix(), human);
    }

    private byte[] pageBytes(LabelPage page, boolean onLine) {
        if (!storedFormat) {
            return escPosPages != null ? escPosPages.encode(page.raster())
                    : tsplPages != null ? tsplPages.inline(page) : zplPages.inline(page);
        }
        byte[] recall = escPosStored != null ? escPosStored.recall(page)
                : tsplPages != null ? tsplPages.recall(page) : zplPages.recall(page);
        String key = page.fixedKey();
        if (onLine && (key.equals(downloaded) || key.equals(downloading))) {
            return recall;
        }
        byte[] download = escPosStored != null ? escPosStored.download(page)
                : tsplPages != null ? tsplPages.download(page) : zplPages.download(page);
        if (onLine) {
            downloading = key;
        }
        byte[] out = java.util.Arrays.copyOf(download, download.length + recall.length);
        System.arraycopy(recall, 0, out, download.length, recall.length);
        return out;
    }

    private LabelValues values(PrintableCode code, JobSpec job, String itemId, long seq) {
        var a = job == null ? null : job.activation();
        return new LabelValues(code.code(), code.url(), job == null ? null : job.sku(), job == null ? null : job.batch(),
                a == null ? null : a.productTitle(), a == null ? null : a.productBrand(), lineId,
                job == null ? null : job.jobId(), itemId, seq,
                job != null && job.productionDate() != null ? job.productionDate() : LocalDate.now(composer.zone()));
    }

    /**
     * Called once a batch's bytes were handed to the printer: the last label pressed is the last one sent (a
     * label that failed to render never became {@code pressed}; a batch whose commit failed never gets here), and
     * a format the batch downloaded is the printer's now. Two references stored, nothing copied.
     */
    public void sent() {
        last = pressed;
        if (downloading != null) {
            downloaded = downloading;
            downloading = null;
        }
    }

    /** The batch pressed since the last {@link #sent()} was not sent (its commit failed): its download neither. */
    public void unsent() {
        downloading = null;
    }

    /**
     * The printer went offline or faulted: whatever it stored may be gone (a power cycle empties a Zebra's
     * memory, a TSC's DRAM and an ESC/POS printer's downloaded graphics, and a reconnect may be to a printer that was switched), so the next label downloads
     * the format (or image) again.
     */
    public void printerLost() {
        downloaded = null;
        downloading = null;
    }

    /** The label most recently handed to the printer, or null before the first. */
    public LastLabel last() {
        return last;
    }

    private LabelRenderer renderer(Symbology symbol) {
        return renderers.computeIfAbsent(symbol, s -> new LabelRenderer(new LabelSpec(
                label.widthMm(), label.heightMm(), label.dpi(), s, label.sizeMm(), label.xMm(), label.yMm(),
                or(label.quietZone(), s == Symbology.QR ? 4 : 2), label.humanReadable(), label.fixedText())));
    }

    private static <T> T or(T v, T d) {
        return v == null ? d : v;
    }
}
