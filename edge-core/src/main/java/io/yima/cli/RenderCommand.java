package io.yima.cli;

import io.yima.drivers.render.LabelSpec;
import io.yima.drivers.render.Symbology;
import io.yima.drivers.symbol.Microcode;
import io.yima.printing.LabelFormat;
import io.yima.printing.LabelOutput;
import io.yima.printing.PrintableCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes one label to a file, exactly as the line would send it to a printer (or as a PNG of the symbol). */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render one code as a label file: png, zpl, zpl-rle, zpl-z64, zpl-native, escpos, escpos-native.")
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

    @Option(names = "--symbol", defaultValue = "microcode", paramLabel = "microcode|qr",
            description = "Symbol to print (default: ${DEFAULT-VALUE}).")
    Symbology symbol;

    @Option(names = "--dpi", defaultValue = "300", description = "Printer resolution: 203, 300, 600 (default: ${DEFAULT-VALUE}).")
    int dpi;

    @Option(names = "--size-mm", defaultValue = "10", description = "Symbol side in mm (default: ${DEFAULT-VALUE}).")
    double sizeMm;

    @Option(names = "--quiet-zone", defaultValue = "4", paramLabel = "MODULES",
            description = "White modules around the symbol (default: ${DEFAULT-VALUE}).")
    int quietZone;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "png, zpl, zpl-rle, zpl-z64, zpl-native, escpos, escpos-native.")
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
            LabelFormat f = LabelFormat.parse(format);
            LabelSpec label = LabelOutput.fittedSpec(symbol, dpi, sizeMm, quietZone);
            bytes = LabelOutput.bytes(code, label, f);
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

    private static PrintableCode given(Given g) {
        try {
            return new PrintableCode(Microcode.fromBits(g.matrix.strip()), g.code, g.url);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--matrix: " + e.getMessage(), e);
        }
    }

    private static PrintableCode fromVault(FromVault v) {
        if (!java.nio.file.Files.exists(v.file)) {
            throw new UserFacingException(v.file + ": no such vault");
        }
        try (io.yima.vault.CodeVault vault = io.yima.vault.CodeVault.open(v.file)) {
            io.yima.vault.CodeRecord r = vault.byIndex(v.application, v.index).orElseThrow(() ->
                    new UserFacingException("no code " + v.index + " in application " + v.application));
            return new PrintableCode(r.matrix(), r.code(), r.url());
        }
    }
}
