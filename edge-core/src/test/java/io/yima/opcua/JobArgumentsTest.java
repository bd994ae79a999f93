package io.yima.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import io.yima.config.LineConfig.LineMode;
import io.yima.drivers.render.Symbology;
import io.yima.line.JobOrder;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.junit.jupiter.api.Test;

/** StartJob's arguments: the ASCII protocol's bounds, control characters refused, each refusal naming its argument. */
class JobArgumentsTest {
    private static Variant[] args(Object job, Object sku, Object batch, Object qty, Object mode, Object symbol) {
        return new Variant[] {new Variant(job), new Variant(sku), new Variant(batch), new Variant(qty),
                new Variant(mode), new Variant(symbol)};
    }

    @Test
    void aCompleteStartJobBecomesAJobOrderAndEmptyModeAndSymbolMeanTheLinesDefaults() throws Exception {
        JobOrder o = JobArguments.parse(args("J-1", "SKU 250g", "B:7", uint(500), "stream", "qr"));
        assertThat(o).isEqualTo(new JobOrder("J-1", "SKU 250g", "B:7", 500, Symbology.QR, LineMode.STREAM, null, null));
        JobOrder d = JobArguments.parse(args("J-2", "S", "B", uint(1), "", null));
        assertThat(d.mode()).isNull();
        assertThat(d.symbol()).isNull();
    }

    @Test
    void controlCharactersLengthsAndRangesAreRefusedByName() {
        assertThatThrownBy(() -> JobArguments.parse(args("J-1", "SKU\nFAKE LOG LINE", "B", uint(1), "", "")))
                .hasMessage("Sku: holds a control character");
        assertThatThrownBy(() -> JobArguments.parse(args("J-1", "S", "B\u001b[2J", uint(1), "", "")))
                .hasMessage("Batch: holds a control character");
        assertThatThrownBy(() -> JobArguments.parse(args("J-1", "S".repeat(129), "B", uint(1), "", "")))
                .hasMessage("Sku: at most 128 characters");
        assertThatThrownBy(() -> JobArguments.parse(args("J 1", "S", "B", uint(1), "", "")))
                .hasMessage("JobId: only letters, digits, '.', '_', ':' and '-'");
        assertThatThrownBy(() -> JobArguments.parse(args("J".repeat(65), "S", "B", uint(1), "", "")))
                .hasMessage("JobId: at most 64 characters");
        assertThatThrownBy(() -> JobArguments.parse(args("", "S", "B", uint(1), "", "")))
                .hasMessage("JobId: required");
        assertThatThrownBy(() -> JobArguments.parse(args("J-1", "S", "B", uint(0), "", "")))
                .hasMessage("Quantity: must be between 1 and 10000000, got 0");
        assertThatThrownBy(() -> JobArguments.parse(args("J-1", "S", "B", uint(10_000_001), "", "")))
                .hasMessage("Quantity: must be between 1 and 10000000, got 10000001");
        assertThatThrownBy(() -> JobArguments.parse(args("J-1", "S", "B", 5, "", "")))
                .hasMessage("Quantity: must be a UInt32");
        assertThatThrownBy(() -> JobArguments.parse(args("J-1", "S", "B", uint(5), "FAST", "")))
                .hasMessage("Mode: must be TRIGGERED, STREAM, PREPRINT or empty");
        assertThatThrownBy(() -> JobArguments.parse(args("J-1", "S", "B", uint(5), "", "DATAMATRIX")))
                .hasMessage("Symbol: must be QR, MICROCODE or empty");
        assertThatThrownBy(() -> JobArguments.parse(new Variant[] {new Variant("J-1")}))
                .hasMessageStartingWith("StartJob takes 6 arguments");
    }

    private static Variant[] withFields(Object title, Object brand, Object date) {
        Variant[] a = java.util.Arrays.copyOf(args("J-1", "S", "B", uint(5), "", ""), 9);
        a[6] = new Variant(title);
        a[7] = new Variant(brand);
        a[8] = new Variant(date);
        return a;
    }

    @Test
    void startJobWithFieldsCarriesTitleBrandAndProductionDateAndEmptyMeansTheDefaults() throws Exception {
        JobOrder o = JobArguments.parseWithFields(withFields("明前龙井", "", "2026-11-30"));
        assertThat(o.activation().productTitle()).isEqualTo("明前龙井");
        assertThat(o.activation().productBrand()).as("empty: the line's job_defaults").isNull();
        assertThat(o.productionDate()).isEqualTo(java.time.LocalDate.of(2026, 11, 30));
        JobOrder d = JobArguments.parseWithFields(withFields("", " ", ""));
        assertThat(d.activation()).isNull();
        assertThat(d.productionDate()).isNull();
        assertThatThrownBy(() -> JobArguments.parseWithFields(withFields("", "", "30.11.2026")))
                .hasMessage("ProductionDate: must be YYYY-MM-DD, e.g. 2026-12-06, or empty");
        assertThatThrownBy(() -> JobArguments.parseWithFields(withFields("", "", "2026-02-30")))
                .hasMessage("ProductionDate: 2026-02-30 is no day of the calendar");
        assertThatThrownBy(() -> JobArguments.parseWithFields(withFields("T\r\nX", "", "")))
                .hasMessage("Title: holds a control character");
        assertThatThrownBy(() -> JobArguments.parseWithFields(args("J-1", "S", "B", uint(5), "", "")))
                .hasMessageStartingWith("StartJobWithFields takes 9 arguments");
    }
}
