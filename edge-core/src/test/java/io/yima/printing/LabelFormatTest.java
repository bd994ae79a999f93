package io.yima.printing;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.config.LineConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LabelFormatTest {
    private static final LineConfig.Printer LINE_PRINTER = new LineConfig.Printer("tcp://127.0.0.1:9100", "zpl", "Z64",
            Duration.ofSeconds(2), Duration.ofSeconds(4), 128, 12.5, 9);

    @Test
    void aFormatChangesOnlyTheLanguageAndGraphicOfTheLinesPrinter() {
        LineConfig.Printer hex = LabelFormat.ZPL_HEX.printer(LINE_PRINTER);
        assertThat(hex).isEqualTo(new LineConfig.Printer("tcp://127.0.0.1:9100", "zpl", "HEX",
                Duration.ofSeconds(2), Duration.ofSeconds(4), 128, 12.5, 9));
    }

    @Test
    void escPosRasterIsTheEscPosDefaultGraphic() {
        LineConfig.Printer escpos = LabelFormat.ESCPOS.printer(LINE_PRINTER);
        assertThat(escpos.language()).isEqualTo("escpos");
        assertThat(escpos.graphic()).isNull();
        assertThat(escpos.maxAhead()).isEqualTo(9);
    }

    @Test
    void pngIsNotAPrinterLanguage() {
        assertThat(LabelFormat.PNG.printer(LINE_PRINTER)).isNull();
    }
}
