package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.line.RejectReason;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalWordsTest {

    private final TerminalWords zh = new TerminalWords(TerminalWords.Lang.ZH);
    private final TerminalWords en = new TerminalWords(TerminalWords.Lang.EN);

    @Test
    void everyRejectReasonHasWordsAndNoChineseWordIsAnEnumName() {
        for (RejectReason r : RejectReason.values()) {
            assertThat(zh.reason(r.name())).as(r.name()).doesNotContain("_").doesNotMatch(".*[A-Z]{3,}.*");
            assertThat(en.reason(r.name())).as(r.name()).doesNotContain("_");
        }
        for (String key : TerminalWords.keys()) {
            assertThat(zh.t(key)).as(key).isNotBlank().doesNotMatch(".*\\b[A-Z]+_[A-Z_]+\\b.*");
            assertThat(en.t(key)).as(key).isNotBlank();
        }
    }

    @Test
    void printerConditionsBecomeWordsWithoutJavaBrackets() {
        assertThat(zh.deviceReason("[PAPER_OUT, HEAD_OPEN]")).isEqualTo("缺纸、打印头打开");
        assertThat(en.deviceReason("[PAPER_OUT]")).isEqualTo("paper out");
        assertThat(en.deviceReason("head open")).isEqualTo("print head open");
        assertThat(zh.deviceReason("connection refused")).isEqualTo("设备拒绝连接");
        assertThat(en.deviceReason("no status reply within 3000 ms")).isEqualTo("no status reply within 3000 ms");
    }

    @Test
    void languageFollowsLcAllThenLcMessagesThenLang() {
        assertThat(TerminalWords.Lang.fromEnvironment(Map.of("LANG", "zh_CN.UTF-8"))).isEqualTo(TerminalWords.Lang.ZH);
        assertThat(TerminalWords.Lang.fromEnvironment(Map.of("LANG", "zh_CN.UTF-8", "LC_ALL", "C.UTF-8")))
                .isEqualTo(TerminalWords.Lang.EN);
        assertThat(TerminalWords.Lang.fromEnvironment(Map.of("LANG", "en_US.UTF-8", "LC_MESSAGES", "zh_TW")))
                .isEqualTo(TerminalWords.Lang.ZH);
        assertThat(TerminalWords.Lang.fromEnvironment(Map.of("LANG", "C", "LC_ALL", "")))
                .isEqualTo(TerminalWords.Lang.EN);
        assertThat(TerminalWords.Lang.fromEnvironment(Map.of())).isEqualTo(TerminalWords.Lang.EN);
    }

    @Test
    void chineseBreaksBetweenCharactersAndEnglishBetweenWords() {
        assertThat(TerminalLines.words("须重新过线，或剔除")).containsExactly("须", "重", "新", "过", "线，", "或", "剔", "除");
        assertThat(TerminalLines.words("kicked out now")).containsExactly("kicked", " out", " now");
        assertThat(TerminalLines.columns("产线 L1")).isEqualTo(7);
    }
}
