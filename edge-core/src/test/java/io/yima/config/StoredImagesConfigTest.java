package io.yima.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import org.junit.jupiter.api.Test;

/** printer.stored_images: ESC/POS downloaded graphics for a template's fixed part (docs/labels.md). */
class StoredImagesConfigTest {
    static final String TEMPLATE = "label: { width_mm: 30, height_mm: 20, dpi: 300, symbol: QR,"
            + " template: { elements: [ { symbol: { x_mm: 1, y_mm: 1, size_mm: 10 } } ] } }";

    private static EdgeConfig parse(String printer, String label) {
        return ConfigLoader.parse(ConfigLoaderTest.GOOD
                .replace("language: zpl, graphic: Z64, status_poll: 500ms", printer)
                .replace("label: { width_mm: 30, height_mm: 20, dpi: 300, symbol: QR, size_mm: 10 }", label), null);
    }

    @Test
    void offUnlessSaidAndKeptWhenThePrinterSpeaksAgain() {
        LineConfig.Printer p = parse("language: escpos", TEMPLATE).lines().get(0).printer();
        assertThat(p.storedImagesOrDefault()).isFalse();
        LineConfig.Printer on = parse("language: escpos, stored_images: true", TEMPLATE).lines().get(0).printer();
        assertThat(on.storedImagesOrDefault()).isTrue();
        assertThat(on.speaking(PrinterLanguage.ESCPOS, null).storedImagesOrDefault()).isTrue();
    }

    @Test
    void anotherLanguageOrNoTemplateIsRefusedWithItsPlace() {
        assertThatThrownBy(() -> parse("language: zpl, stored_images: true", TEMPLATE))
                .hasMessageStartingWith("lines[0].printer.stored_images: applies to ESC/POS printers only; a ZPL"
                        + " printer keeps the fixed part with label.stored_format");
        assertThatThrownBy(() -> parse("language: escpos, stored_images: true",
                "label: { width_mm: 30, height_mm: 20, dpi: 300, symbol: QR, size_mm: 10 }"))
                .hasMessageStartingWith("lines[0].printer.stored_images: needs a label template (label.template)");
        assertThatThrownBy(() -> parse("language: escpos, stored_images: yes please", TEMPLATE))
                .hasMessageContaining("stored_images");
    }
}
