package io.yima.printing;

import io.yima.config.PrinterLanguage;
import io.yima.config.PrinterGraphic;
import static org.assertj.core.api.Assertions.assertThat;

import io.yima.config.LineConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LabelFormatTest {
    private static final LineConfig.Printer LINE_PRINTER = new LineConfig.Printer("tcp://127.0.0.1:9100", PrinterLanguage.ZPL,
            PrinterGraphic.Z64,
            Duration.ofSeconds(2), Duration.ofSeconds(4), 128, 12.5, 9);

    @Test
    void aFormatChangesOnlyTheLanguageAndGraphicOfTheLinesPrinter() {
        LineConfig.Printer hex = LabelFormat.ZPL_HEX.printer(LINE_PRINTER);
        assertThat(hex).isEqualTo(new LineConfig.Printer("tcp://127.0.0.1:9100", PrinterLanguage.ZPL,
                PrinterGraphic.HEX,
                Duration.ofSeconds(2), Duration.ofSeconds(4), 128, 12.5, 9));
    }

    @Test
    void escPosRasterIsTheEscPosDefaultGraphic() {
        LineConfig.Printer escpos = LabelFormat.ESCPOS.printer(LINE_PRINTER);
        assertThat(escpos.language()).isEqualTo(PrinterLanguage.ESCPOS);
        assertThat(escpos.graphic()).isNull();
        assertThat(escpos.maxAhead()).isEqualTo(9);
    }

    @Test
    void pngIsNotAPrinterLanguage() {
        assertThat(LabelFormat.PNG.printer(LINE_PRINTER)).isNull();
    }
}
