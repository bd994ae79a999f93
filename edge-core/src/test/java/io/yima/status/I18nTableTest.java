package io.yima.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.config.LineConfig;
import io.yima.line.RejectReason;
import io.yima.line.VoidReason;
import io.yima.vault.CodeState;
import io.yima.vault.JobState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's i18n table (i18n.js, as served) against every enum value the edge can put on the page: each has
 * a text in Chinese and in English, the two tables have the same keys, and no Chinese text is an untranslated
 * Latin enum word. A new enum constant without a translation fails here, before a technician sees "NO_READ".
 */
class I18nTableTest {
    /** Audit kinds the dashboard's audit panel shows (the vault's events that are not per-code traffic). */
    private static final List<String> AUDITED_KINDS = List.of("CONTROL", "JOB_OPEN", "JOB_CLOSED", "JOB_STOPPED",
            "ACTIVATION_FAILED", "ACTIVATION_REQUEUED", "VOID_RANGE", "IMPORT", "RECOVER", "RECOVER_IMPORT",
            "COUNTS_REPAIRED");
    /** Void reasons written as text rather than {@link VoidReason}: a technician's range void, start-up recovery. */
    private static final List<String> OTHER_VOID_REASONS = List.of("TECHNICIAN", "CRASH");
    private static final Pattern ENTRY = Pattern.compile("(?:^|[\\s,{])'?([A-Za-z_][A-Za-z0-9_ ]*)'?\\s*:\\s*'((?:[^'\\\\]|\\\\.)*)'");
    private static final Pattern LATIN_ENUM = Pattern.compile("\\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\\b|\\b[A-Z]{4,}\\b");

    static String js;
    static Map<String, String> zh;
    static Map<String, String> en;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = I18nTableTest.class.getResourceAsStream("/io/yima/status/dashboard/i18n.js")) {
            js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int zhAt = js.indexOf("    zh: {");
        int enAt = js.indexOf("    en: {");
        int end = js.indexOf("\n  };", enAt);
        zh = entries(js.substring(zhAt + 9, enAt));
        en = entries(js.substring(enAt + 9, end));
    }

    private static Map<String, String> entries(String block) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(block);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    static Stream<String> enumKeys() {
        List<String> keys = new ArrayList<>();
        Arrays.stream(RejectReason.values()).forEach(r -> keys.add("reason_" + r.name()));
        Arrays.stream(VoidReason.values()).forEach(r -> keys.add("voidReason_" + r.name()));
        OTHER_VOID_REASONS.forEach(r -> keys.add("voidReason_" + r));
        Arrays.stream(LineConfig.LineMode.values()).forEach(m -> keys.add("mode_" + m.name()));
        CodeState.COUNTED.forEach(s -> keys.add("codeState_" + s.name()));
        Arrays.stream(StatusSnapshot.LineState.values()).forEach(s -> keys.add("state_" + s.name()));
        Arrays.stream(StatusSnapshot.LinkState.values()).forEach(s -> keys.add("link_" + s.name()));
        Arrays.stream(io.yima.line.AdapterHealth.State.values()).forEach(s -> keys.add("adapterState_" + s.name()));
        Arrays.stream(JobState.values()).forEach(s -> keys.add("jobState_" + s.name()));
        AUDITED_KINDS.forEach(k -> keys.add("kind_" + k));
        AUDITED_KINDS.stream().filter(k -> !k.equals("CONTROL")).forEach(k -> keys.add("audit_" + k));
        // the packing panel (packing.js): the vault's refusals, the status port's own, levels and states
        Arrays.stream(io.yima.vault.PackRefusal.values()).forEach(r -> keys.add("packRefusal_" + r.name()));
        keys.add("packRefusal_UNAVAILABLE");
        Arrays.stream(io.yima.vault.PackLevel.values()).forEach(l -> keys.add("packLevel_" + l.name()));
        Arrays.stream(io.yima.vault.PackState.values()).forEach(st -> keys.add("packState_" + st.name()));
        return keys.stream();
    }

    /** Every refusal the status port's controls can send, and the enum-like values their parameters carry. */
    static Stream<String> refusalKeys() {
        List<String> keys = new ArrayList<>();
        Arrays.stream(RefusalCode.values()).forEach(c -> keys.add("refusal_" + c.key()));
        Arrays.stream(io.yima.line.Refusal.values()).forEach(r -> keys.add("lineRefusal_" + r.name()));
        List.of("application", "from", "to").forEach(f -> keys.add("refusalField_" + f));
        return keys.stream();
    }

    @Test
    void theTableWasReadWhole() {
        assertThat(zh).containsKeys("title", "staleTriggers", "field");
        assertThat(en).containsKeys("title", "staleTriggers", "field");
    }

    @Test
    void everyEnumValueHasAChineseAndAnEnglishText() {
        List<String> missing = enumKeys().filter(k -> !zh.containsKey(k) || !en.containsKey(k)).toList();
        assertThat(missing).as("untranslated enum values").isEmpty();
    }

    @Test
    void everyRefusalCodeHasAChineseAndAnEnglishSentenceNamingItsParameters() {
        List<String> missing = refusalKeys().filter(k -> !zh.containsKey(k) || !en.containsKey(k)).toList();
        assertThat(missing).as("untranslated refusal codes").isEmpty();
        for (RefusalCode c : RefusalCode.values()) {
            for (Map<String, String> table : List.of(zh, en)) {
                String sentence = table.get("refusal_" + c.key());
                List<String> named = new ArrayList<>();
                Matcher m = Pattern.compile("\\{([A-Za-z]+)}").matcher(sentence);
                while (m.find()) {
                    named.add(m.group(1));
                }
                assertThat(named).as(c + ": " + sentence).containsExactlyInAnyOrderElementsOf(c.params());
            }
        }
    }

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertThat(zh.keySet()).containsExactlyInAnyOrderElementsOf(en.keySet());
    }

    @Test
    void noChineseTextIsALatinEnumWord() {
        List<String> latin = zh.entrySet().stream()
                .filter(e -> LATIN_ENUM.matcher(e.getValue().replaceAll("yima-edge wechat \\w+|status\\.\\w+|/etc/\\S+|MQTT", ""))
                        .find())
                .map(e -> e.getKey() + " = " + e.getValue()).toList();
        assertThat(latin).isEmpty();
    }

    @Test
    void theChineseWordsFollowTheGlossary() {
        // docs/glossary.md: 工单 (job), 申请单 (WeChat's application), 触发过期 (stale trigger)
        assertThat(zh.values()).noneMatch(v -> v.contains("作业")).noneMatch(v -> v.contains("超时未打"))
                .noneMatch(v -> v.contains("应用"));
        assertThat(js).as("fault and errcode sentences too").doesNotContain("作业").doesNotContain("应用")
                .doesNotContain("超时未打");
        assertThat(zh.get("staleTriggers")).isEqualTo("触发过期");
        assertThat(zh.get("h_job")).isEqualTo("工单");
        assertThat(zh.get("application")).isEqualTo("申请单");
    }
}
