package io.yima.labeltext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.printing.template.LabelValues;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FieldPatternTest {
    static final LabelValues V = new LabelValues("0436Z31X0", "P.URL.CN/0V/IXO*FWWYLZLXUXGR", "SKU-7", "20261206A",
            "明前龙井", "西湖", "L2", "J-9", "item-42", 17, LocalDate.of(2026, 12, 6));

    @Test
    void jobAndLabelFieldsAndDatesResolve() {
        assertThat(FieldPattern.parse("{title} 批号{batch} SKU {sku} {brand} {line}/{job}").resolve(V))
                .isEqualTo("明前龙井 批号20261206A SKU SKU-7 西湖 L2/J-9");
        assertThat(FieldPattern.parse("{code} No.{seq} {item}").resolve(V)).isEqualTo("0436Z31X0 No.17 item-42");
        assertThat(FieldPattern.parse("生产日期 {date}").resolve(V)).isEqualTo("生产日期 2026-12-06");
        assertThat(FieldPattern.parse("有效期至 {date+365d:yyyy.MM.dd}").resolve(V)).isEqualTo("有效期至 2027.12.06");
        assertThat(FieldPattern.parse("{date+24m:yyyy年MM月dd日}").resolve(V)).isEqualTo("2028年12月06日");
        assertThat(FieldPattern.parse("{date-1y:yyyyMMdd}").resolve(V)).isEqualTo("20251206");
        assertThat(FieldPattern.parse("{{literal}} {sku}").resolve(V)).isEqualTo("{literal} SKU-7");
    }

    @Test
    void aFieldTheJobLacksPrintsAsNothing() {
        LabelValues none = new LabelValues("C", "U", null, null, null, null, "L", "J", null, 0, V.today());
        assertThat(FieldPattern.parse("[{title}][{seq}]").resolve(none)).isEqualTo("[][]");
    }

    @Test
    void onlyTheCodeItemAndLabelNumberMakeATextPerLabel() {
        assertThat(FieldPattern.parse("{code}").perLabel()).isTrue();
        assertThat(FieldPattern.parse("No.{seq}").perLabel()).isTrue();
        assertThat(FieldPattern.parse("{item}").perLabel()).isTrue();
        assertThat(FieldPattern.parse("{title} {batch} {date+365d}").perLabel()).isFalse();
        assertThat(FieldPattern.parse("{date+365d}").hasDate()).isTrue();
    }

    @Test
    void mistakesAreRefusedSayingWhatIsWrong() {
        assertThatThrownBy(() -> FieldPattern.parse("{batch")).hasMessageStartingWith("'{' at character 1 is not closed");
        assertThatThrownBy(() -> FieldPattern.parse("a}")).hasMessageStartingWith("'}' at character 2 closes no field");
        assertThatThrownBy(() -> FieldPattern.parse("{date+3w}")).hasMessageStartingWith("unknown field {date+3w}");
        assertThatThrownBy(() -> FieldPattern.parse("{date:QQQQQQ}"))
                .hasMessageStartingWith("{date:QQQQQQ}: 'QQQQQQ' is not a date format");
    }
}
