package io.yima.line;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;

import io.yima.cli.YimaEdge;
import io.yima.config.LineConfig;
import io.yima.edge.ConfigLoader;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeVault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One label pipeline: {@code yima-edge render --config --line} writes exactly the bytes the line handed its
 * printer for the same code, for each printer language and graphic a line can be configured with.
 */
class RenderMatchesLineTest {

    @ParameterizedTest
    @CsvSource({"zpl, Z64, QR", "zpl, HEX, MICROCODE", "zpl, NATIVE, QR", "escpos, Z64, MICROCODE",
            "escpos, NATIVE, QR", "tspl, BITMAP, MICROCODE", "tspl, BITMAP, QR", "tspl, NATIVE, QR"})
    void renderWritesTheBytesTheLineSent(String language, String graphic, String symbol, @TempDir Path dir)
            throws Exception {
        Path configFile = dir.resolve("edge.yaml");
        Files.writeString(configFile, """
                vault: { path: vault.db }
                applications: [ { id: %d } ]
                lines:
                  - id: %s
                    application: %d
                    printer: { uri: "tcp://127.0.0.1:9100", language: %s, graphic: %s }
                    label: { width_mm: 40, height_mm: 25, dpi: 203, symbol: %s, size_mm: 12, x_mm: 3, y_mm: 1.5,
                             fixed_text: [ "Yima Tea" ] }
                    scanner: { uri: "tcp://127.0.0.1:9004" }
                    plc: { port: 7001 }
                    verify: { window: 2s, max_in_flight: 8 }
                """.formatted(APP, LineRig.LINE, APP, language, graphic, symbol));
        LineConfig config = ConfigLoader.load(configFile).lines().get(0);
        byte[] sent;
        long index;
        try (CodeVault vault = LineRig.vault(dir)) {
            LineRig rig = new LineRig(vault, config);
            rig.lifecycle.start(LineRig.order("J1", 5));
            rig.runLineThread();
            CodeRecord code = rig.print("item-1");
            index = code.index();
            assertThat(rig.printer.labels).hasSize(1);
            sent = rig.printer.labels.get(0);
        }
        Path out = dir.resolve("label.bin");
        StringWriter err = new StringWriter();
        var cli = YimaEdge.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("render", "--config", configFile.toString(), "--line", LineRig.LINE,
                "--vault", dir.resolve("vault.db").toString(), "--application", Long.toString(APP),
                "--index", Long.toString(index), "--out", out.toString());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(sent);
    }
}
