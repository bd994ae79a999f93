package io.yima.cli;

import io.yima.common.UserFacingException;
import io.yima.config.LineConfig;
import io.yima.drivers.render.Symbology;
import io.yima.drivers.symbol.Microcode;
import io.yima.edge.ConfigLoader;
import io.yima.printing.LabelFormat;
import io.yima.printing.LabelPng;
import io.yima.printing.LabelPress;
import io.yima.printing.template.PrintableCode;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeVault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Writes one label to a file through the line's own label pipeline ({@link LabelPress}): with {@code --config} and
 * {@code --line} the bytes are exactly what that line sends for the code; without, the line's defaults apply.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render one code as a label file, byte for byte as a line prints it.",
                "With --config/--line the line's printer language and label layout are used; options given here "
                        + "override them. Without --config the line defaults apply (30 x 20 mm label at 2 mm, 300 dpi, "
                        + "ZPL with Z64 graphics)."},
        footer = {"", "Examples:",
                "  yima-edge render --config /etc/yima-edge/edge.yaml --line L1 --vault /var/lib/yima-edge/vault.db "
                        + "--application 100001 --index 0 --out label.zpl",
                "  yima-edge render --matrix BITS --code 0436Z31$0 --url P.URL.CN/0V/IXO*FWWYLZLXUXGR --symbol qr "
                        + "--format png --out label.png",
                "  yima-edge render --template bottle.yaml --width-mm 30 --height-mm 20 --matrix BITS --code C --url U "
                        + "--symbol qr --batch 20261206A --format png --out bottle.png"})
public final class RenderCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @ArgGroup(exclusive = false)
        FromVault vault;
        @ArgGroup(exclusive = false)
        Given given;
    }

    static final class FromVault {
        @Option(names = "--vault", required = true, paramLabel = "FILE.db", description = "Code vault database.")
        Path file;
        @Option(names = "--application", required = true, paramLabel = "APP", description = "WeChat application id.")
        long application;
        @Option(names = "--index", required = true, paramLabel = "N", description = "Code index inside the application.")
        long index;
    }

    static final class Given {
        @Option(names = "--matrix", required = true, paramLabel = "BITS", description = "The 361-character 0/1 matrix.")
        String matrix;
        @Option(names = "--code", required = true, paramLabel = "C", description = "The code (printed under the symbol).")
        String code;
        @Option(names = "--url", required = true, paramLabel = "U", description = "The 28-character URL (the QR content).")
        String url;
    }

    @Option(names = "--config", paramLabel = "FILE", description = "Edge configuration whose line's label is rendered.")
    Path config;

    @Option(names = "--line", paramLabel = "ID", description = "The line in --config (default: its first line).")
    String lineId;

    @Option(names = "--symbol", paramLabel = "microcode|qr",
            description = "Symbol to print (default: the line's label.symbol, else microcode).")
    Symbology symbol;

    @Option(names = "--dpi", description = "Printer resolution: 203, 300, 600 (default: the line's, else 300).")
    Integer dpi;

    @Option(names = "--size-mm", description = "Symbol side in mm (default: the line's, else 10).")
    Double sizeMm;

    @Option(names = "--quiet-zone", paramLabel = "MODULES",
            description = "White modules around the symbol (default: the line's, else 4 for QR and 2 for microcode).")
    Integer quietZone;

    @Option(names = "--width-mm", description = "Label width in mm (default: the line's, else 30).")
    Double widthMm;

    @Option(names = "--height-mm", description = "Label height in mm (default: the line's, else 20).")
    Double heightMm;

    @Option(names = "--template", paramLabel = "FILE",
            description = "A label template file (elements:, docs/labels.md) to render instead of the line's label.")
    Path template;

    @Option(names = "--font", paramLabel = "FILE",
            description = "Font file for template text (default: the line's label.font, else Debian's WenQuanYi"
                    + " Micro Hei).")
    Path font;

    @Option(names = "--sku", description = "{sku} on a template label (default: SKU-0001).")
    String sku = "SKU-0001";

    @Option(names = "--batch", description = "{batch} on a template label (default: B0001).")
    String batch = "B0001";

    @Option(names = "--title", description = "{title} on a template label (default: the line's job_defaults.title).")
    String title;

    @Option(names = "--item", description = "{item} on a template label (default: 1).")
    String item = "1";

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "png (the label as an image), zpl (= zpl-z64, the line default), zpl-hex, zpl-rle, "
                    + "zpl-z64, zpl-native, escpos, escpos-native (default with --config: the line's printer). png is"
                    + " the whole label as it prints (the dashboard's preview).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "File to write.")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintableCode code = source.given != null ? given(source.given) : fromVault(source.vault);
        byte[] bytes;
        try {
            LineConfig line = line();
            LabelFormat f = format == null ? null : LabelFormat.parse(format);
            if (f == null && config == null) {
                throw new UserFacingException("--format: give a format, or --config to print as a line does");
            }
            LineConfig.Label label = label(line.label());
            if (template != null) {
                label = ConfigLoader.withTemplateFile(label, template.toAbsolutePath(), font == null ? label.font()
                        : font.toAbsolutePath().toString());
            } else if (font != null) {
                label = label.withTemplate(label.template(), font.toAbsolutePath().toString());
            }
            Symbology sym = symbol != null ? symbol
                    : label.symbol() != null ? Symbology.valueOf(label.symbol().toUpperCase(Locale.ROOT))
                    : Symbology.MICROCODE;
            LineConfig.Printer printer = f == null || f == LabelFormat.PNG ? line.printer() : f.printer(line.printer());
            LabelPress press = new LabelPress(new LineConfig(line.id(), line.application(), line.mode(), printer,
                    label, line.scanner(), line.plc(), line.verify(), line.stream(), line.jobDefaults()));
            var values = press.sample(code, sku, batch, title != null ? title
                    : line.jobDefaults() != null ? line.jobDefaults().title() : null, item);
            bytes = f == LabelFormat.PNG ? LabelPng.png(press.preview(code, sym, values)) : press.press(code, sym, values);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        try {
            Files.write(out, bytes);
        } catch (IOException e) {
            throw new UserFacingException("cannot write " + out + ": " + e.getMessage(), e);
        }
        spec.commandLine().getOut().println("wrote " + bytes.length + " bytes to " + out);
        return 0;
    }

    /** The configured line, or a line of defaults (ZPL, Z64) when no config is given. */
    private LineConfig line() {
        if (config == null) {
            return new LineConfig("render", null, null, new LineConfig.Printer(null, null, null, null, null, null),
                    null, null, null, null, null, null);
        }
        var lines = ConfigLoader.load(config).lines();
        if (lines == null || lines.isEmpty()) {
            throw new UserFacingException(config + ": no lines configured");
        }
        if (lineId == null) {
            return lines.get(0);
        }
        return lines.stream().filter(l -> l.id().equals(lineId)).findFirst().orElseThrow(() ->
                new UserFacingException("--line: no line '" + lineId + "' in " + config + " (lines: "
                        + String.join(", ", lines.stream().map(LineConfig::id).toList()) + ")"));
    }

    private LineConfig.Label label(LineConfig.Label base) {
        LineConfig.Label b = base != null ? base
                : new LineConfig.Label(null, null, null, null, null, null, null, null, null, null);
        return new LineConfig.Label(or(widthMm, b.widthMm()), or(heightMm, b.heightMm()), or(dpi, b.dpi()),
                symbol != null ? symbol.name() : b.symbol(), or(sizeMm, b.sizeMm()), b.xMm(), b.yMm(),
                or(quietZone, b.quietZone()), b.humanReadable(), b.fixedText(), b.template(), b.font(), b.timeZone(),
                b.storedFormat());
    }

    private static <T> T or(T option, T line) {
        return option != null ? option : line;
    }

    private static PrintableCode given(Given g) {
        try {
            return new PrintableCode(Microcode.fromBits(g.matrix.strip()), g.code, g.url);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--matrix: " + e.getMessage(), e);
        }
    }

    private static PrintableCode fromVault(FromVault v) {
        if (!Files.exists(v.file)) {
            throw new UserFacingException(v.file + ": no such vault");
        }
        try (CodeVault vault = CodeVault.open(v.file)) {
            CodeRecord r = vault.byIndex(v.application, v.index).orElseThrow(() ->
                    new UserFacingException("no code " + v.index + " in application " + v.application));
            return new PrintableCode(r.matrix(), r.code(), r.url());
        }
    }
}
