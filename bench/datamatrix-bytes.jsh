// Bytes of one stored-format label (the recall) with a template's Data Matrix sent as the printer's own symbol
// (ZPL ^BX, TSPL DMATRIX) against the same symbol sent as dots. Exact counts, no timing:
//   mvn -B -q -pl edge-core -am package -DskipTests
//   jshell --class-path edge-core/target/yima-edge.jar bench/datamatrix-bytes.jsh
import io.yima.config.*;
import io.yima.edge.ConfigLoader;
import io.yima.printing.PrintableCode;
import io.yima.printing.template.*;
import io.yima.drivers.render.Symbology;
import io.yima.drivers.render.page.*;
import io.yima.drivers.printer.*;
import java.nio.file.Path;
String yaml(String language) { return """
vault: { path: vault.db }
applications: [ { id: 1 } ]
lines:
  - id: L1
    application: 1
    printer: { uri: "tcp://127.0.0.1:9100", language: %s }
    label:
      width_mm: 30
      height_mm: 20
      dpi: 300
      template:
        elements:
          - symbol: { x_mm: 0.5, y_mm: 0.5, size_mm: 11, type: datamatrix }
          - text: { x_mm: 14.5, y_mm: 4.5, height_mm: 1.8, value: "批号 {batch}" }
          - text: { x_mm: 1, y_mm: 16, height_mm: 2.2, value: "{code}" }
    scanner: { uri: "tcp://127.0.0.1:9004" }
    plc: { port: 7001 }
""".formatted(language); }
String url = "P.URL.CN/0V/IXO*FWWYLZLXUXGB";
PrintableCode code = new PrintableCode(io.yima.drivers.symbol.Microcode.fromBits("1111111111111111111100000110101100000110111010000010111011011101011101011101101110100100101110110000011011110000011111111110111111111110001100000110001100101110111100010010100000011110100010100101110010101010111000110100100010101111111100101001100100000111001111101010111010101110111111011101000110101110101110101011100100110000011011001111111111111100101000101"), "0436Z31XB", url);
LabelValues values = new LabelValues("0436Z31XB", url, "SKU", "B1", null, null, "L1", "J1", "item-1", 1,
        java.time.LocalDate.of(2026, 12, 6));
for (String language : new String[] {"zpl", "tspl"}) {
    LabelPage page = new PageComposer(ConfigLoader.parse(yaml(language), Path.of("/tmp")).lines().get(0).label())
            .compose(code, Symbology.QR, values);
    LabelPage dots = new LabelPage(page.widthDots(), page.heightDots(), page.fixed(), page.fixedKey(),
            page.variable().stream().map(m -> m instanceof Mark.DataMatrix d
                    ? (Mark) new Mark.Graphic(d.x(), d.y(), d.raster()) : m).toList());
    int nativeBytes, dotBytes;
    if (language.equals("zpl")) {
        nativeBytes = new ZplPageEncoder(ZplEncoder.Graphic.Z64).recall(page).length;
        dotBytes = new ZplPageEncoder(ZplEncoder.Graphic.Z64).recall(dots).length;
    } else {
        nativeBytes = new TsplPageEncoder(30, 20, 2).recall(page).length;
        dotBytes = new TsplPageEncoder(30, 20, 2).recall(dots).length;
    }
    System.out.println(language + ": bytes per label, Data Matrix as dots " + dotBytes + ", as the printer's own "
            + nativeBytes);
}
/exit
