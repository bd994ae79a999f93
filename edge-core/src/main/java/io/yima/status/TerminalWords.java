package io.yima.status;

import io.yima.line.RejectReason;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words {@code yima-edge status} prints, in Chinese and English. The Chinese terms are docs/glossary.md's
 * (the dashboard's i18n.js uses the same), so a technician reads the same word on the screen, in the terminal and in the
 * docs. Device reasons that carry the printer's own condition names ({@code [PAPER_OUT, HEAD_OPEN]}) and the
 * edge's reject reasons ({@code NO_READ}) are turned into words here; anything unknown is shown as the edge sent
 * it, so nothing the edge adds later is hidden.
 */
public final class TerminalWords {

    /** The language of the terminal. */
    public enum Lang {
        ZH, EN;

        /** {@code zh}, {@code zh_CN.UTF-8}, {@code zh-TW} → ZH; anything else given → EN; null/blank → null. */
        static Lang of(String value) {
            if (value == null || value.isBlank() || value.equals("C") || value.equals("POSIX")) {
                return null;
            }
            return value.strip().toLowerCase(Locale.ROOT).startsWith("zh") ? ZH : EN;
        }

        /**
         * The language the environment asks for, the way gettext reads it: {@code LC_ALL} wins, then
         * {@code LC_MESSAGES}, then {@code LANG}; English when none names a language.
         */
        public static Lang fromEnvironment(Map<String, String> env) {
            for (String name : List.of("LC_ALL", "LC_MESSAGES", "LANG")) {
                Lang l = of(env.get(name));
                if (l != null) {
                    return l;
                }
            }
            return EN;
        }
    }

    private static final Map<String, String[]> WORDS = new HashMap<>();

    private static void w(String key, String zh, String en) {
        WORDS.put(key, new String[] {zh, en});
    }

    static {
        w("up", "已运行", "up");
        w("uptime", "%d 小时 %02d 分", "%dh %02dm");
        w("line", "产线", "Line");
        w("state.RUNNING", "运行中", "RUNNING");
        w("state.PAUSED", "已暂停", "PAUSED");
        w("state.IDLE", "空闲", "IDLE");
        w("state.FAULT", "故障", "FAULT");
        w("link.ONLINE", "正常", "online");
        w("link.OFFLINE", "离线", "offline");
        w("link.FAULT", "故障", "fault");
        w("device.printer", "打印机", "printer");
        w("device.scanner", "扫码器", "scanner");
        w("device.plc", "PLC", "PLC");
        w("device.vault", "码库", "vault");
        w("device.case_printer", "箱码打印机", "case printer");
        w("device.case_reader", "箱码扫描器", "case reader");
        w("since", "自 %s 起", "since %s");
        w("job", "工单", "Job");
        w("sku", "产品", "SKU");
        w("batch", "批次", "batch");
        w("noJob", "没有打开的工单", "no open job");
        w("printed", "已打印", "printed");
        w("of", "计划", "of");
        w("bound", "已绑定", "bound");
        w("rejected", "已剔除", "rejected");
        w("voided", "已作废", "voided");
        w("stale", "触发过期", "stale triggers");
        w("staleHint", "产线来不及按时打印时被拒绝的 PLC 触发：这些产品没有标签，必须重新过线或剔除",
                "PLC triggers refused while the line could not print in time: those items carry no label and"
                        + " must be re-run or kicked out");
        w("rejects", "剔除原因", "rejects");
        w("rate", "速度", "rate");
        w("perMin", "件/分", "items/min");
        w("latency", "触发→打印", "trigger→print");
        w("vaultStock", "码库库存", "Vault stock");
        w("application", "申请单", "application");
        w("available", "可用", "available");
        w("total", "总数", "of");
        w("lowStock", "库存偏低", "LOW STOCK");
        w("stock.amber", "库存偏低", "LOW STOCK");
        w("stock.red", "库存告急", "STOCK CRITICAL");
        w("mode.TRIGGERED", "触发打印", "triggered");
        w("mode.STREAM", "连续打印", "stream");
        w("mode.PREPRINT", "预印", "preprint");
        w("outbox", "激活队列", "Activation outbox");
        w("pending", "待排队", "pending");
        w("queued", "已排队", "queued");
        w("activated", "已激活", "activated");
        w("failed", "失败", "failed");
        w("quota", "微信接口配额用完，等待到", "WeChat API quota used up, waiting until");
        w("export", "MQTT 导出", "MQTT export");
        w("exportOff", "未开启", "off");
        w("exportLink.connected", "已连接", "connected");
        w("exportLink.connecting", "连接中", "connecting");
        w("exportLink.disconnected", "断开", "disconnected");
        w("backlog", "积压", "backlog");
        w("oldest", "最早一条等待", "oldest waiting");
        w("alarm", "告警", "ALARM");
        w("opcua", "OPC UA", "OPC UA");
        w("opcuaOff", "未开启", "off");
        w("opcuaState.ONLINE", "正常", "online");
        w("opcuaState.OFFLINE", "离线", "offline");
        w("opcuaState.FAULT", "故障", "fault");
        // each adapter's health, as the dashboard words it (AdapterHealth: ONLINE, OFFLINE, CONFIG_ERROR)
        w("adapters", "通信接口", "Adapters");
        w("adapter.plc", "PLC 端口", "PLC port");
        w("adapter.modbus", "Modbus 连接", "Modbus link");
        w("adapter.opcua", "OPC UA 服务", "OPC UA server");
        w("adapter.mqtt", "MQTT 导出", "MQTT export");
        w("adapter.status", "状态端口", "status port");
        w("adapterState.ONLINE", "正常", "online");
        w("adapterState.OFFLINE", "离线", "offline");
        w("adapterState.CONFIG_ERROR", "配置错误", "config error");
        w("unreachable", "无法连接状态端口 %s（%s）：边缘服务在运行吗？地址对吗？",
                "cannot reach the status port at %s (%s); is the edge running, and is the address right?");
        w("staleData", "数据已过期：边缘服务 %d 秒没有响应（上面是 %s 的数据）",
                "Data is stale: the edge has not answered for %d s (the figures above are from %s)");
        w("verdict.ok", "结果：正常", "Result: OK");
        w("verdict.fault", "结果：有产线故障", "Result: a line is in FAULT");
        w("verdict.stale", "结果：数据过期或无法连接", "Result: stale data or edge unreachable");
        // reject reasons (RejectReason)
        w("reason.NO_READ", "未读到码", "no read");
        w("reason.MISMATCH", "码不符", "mismatch");
        w("reason.DUPLICATE", "重复码", "duplicate");
        w("reason.FOREIGN", "非本工单的码", "foreign code");
        w("reason.TIMEOUT", "扫码超时", "scan timeout");
        w("reason.PRINTER_FAULT", "打印机故障", "printer fault");
        w("reason.VOIDED", "已作废", "voided");
        w("reason.STALE", "触发过期", "stale trigger");
        // the printer's own conditions (PrinterCondition), as the dashboard words them
        w("cond.PAPER_OUT", "缺纸", "paper out");
        w("cond.HEAD_OPEN", "打印头打开", "print head open");
        w("cond.RIBBON_OUT", "碳带用完", "ribbon out");
        w("cond.COVER_OPEN", "打印机盖打开", "cover open");
        w("cond.BUFFER_FULL", "打印机缓存已满", "buffer full");
        w("cond.PAUSED", "打印机处于暂停状态", "printer paused");
        w("cond.OFFLINE", "打印机报告离线", "printer reports offline");
        w("cond.CUTTER_ERROR", "切刀故障", "cutter error");
        w("cond.PRINTHEAD_ERROR", "打印头故障", "print head error");
        w("cond.OVER_TEMPERATURE", "打印头过热", "print head too hot");
        w("cond.UNDER_TEMPERATURE", "打印头温度过低", "print head too cold");
        w("cond.CORRUPT_RAM", "打印机内存出错", "printer memory error");
        w("cond.MECHANICAL_ERROR", "打印机机械故障", "mechanical error");
        w("cond.UNRECOVERABLE", "打印机严重故障", "printer cannot recover");
        w("cond.AUTO_RECOVERABLE", "打印机正在自行恢复", "printer recovering by itself");
        w("cond.ERROR", "打印机报告错误", "printer reports an error");
        w("cond.OTHER_ERROR", "打印机报告其他错误", "printer reports another error");
        w("cond.PAPER_NEAR_END", "标签快用完了", "labels nearly out");
        w("phrase.no PLC connected", "PLC 没有连接", "no PLC connected");
        w("phrase.connection refused", "设备拒绝连接", "connection refused");
        w("phrase.paused by technician", "产线被手动暂停", "paused by hand");
    }

    private final Lang lang;

    public TerminalWords(Lang lang) {
        this.lang = lang;
    }

    Lang lang() {
        return lang;
    }

    /** The word for {@code key}; the key itself when the table has none (so a gap shows, never crashes). */
    public String t(String key) {
        String[] both = WORDS.get(key);
        return both == null ? key : both[lang == Lang.ZH ? 0 : 1];
    }

    /** {@link #t} formatted with {@code args}. */
    public String f(String key, Object... args) {
        return String.format(Locale.ROOT, t(key), args);
    }

    /** A reject reason ({@code NO_READ}) in words; an unknown one as sent, lower case with spaces. */
    String reason(String code) {
        String[] both = WORDS.get("reason." + code);
        return both != null ? t("reason." + code) : code.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /**
     * A device's reason in words: {@code [PAPER_OUT, HEAD_OPEN]} → the conditions joined; a phrase the edge uses
     * → its translation; else the text as sent, without Java list brackets.
     */
    String deviceReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return "";
        }
        String text = reason.strip();
        for (Map.Entry<String, String[]> e : WORDS.entrySet()) {
            if (e.getKey().startsWith("phrase.")
                    && text.toLowerCase(Locale.ROOT).contains(e.getKey().substring("phrase.".length()))) {
                return t(e.getKey());
            }
        }
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        StringBuilder out = new StringBuilder();
        for (String item : text.split(",")) {
            String code = item.strip().toUpperCase(Locale.ROOT).replace(' ', '_');
            String word = WORDS.containsKey("cond." + code) ? t("cond." + code) : item.strip();
            if (word.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append(lang == Lang.ZH ? "、" : ", ");
            }
            out.append(word);
        }
        return out.toString();
    }

    /** An adapter's name ({@code plc:L1}) in words: its kind, then the line it serves; an unknown kind as sent. */
    String adapter(String name) {
        int at = name.indexOf(':');
        String kind = at < 0 ? name : name.substring(0, at);
        String word = WORDS.containsKey("adapter." + kind) ? t("adapter." + kind) : kind;
        return at < 0 ? word : word + " " + name.substring(at + 1);
    }

    /** An adapter's state in words; an unknown one as sent. */
    String adapterState(String state) {
        return WORDS.containsKey("adapterState." + state) ? t("adapterState." + state) : state;
    }

    /**
     * A reason that is exactly one of the edge's phrases ({@code no PLC connected}) in words; any other as sent, as
     * it names what it is about (a broker's address, a certificate file).
     */
    String phrase(String reason) {
        String key = "phrase." + reason.strip();
        return WORDS.containsKey(key) ? t(key) : reason.strip();
    }

    /** A line mode ({@code TRIGGERED}) in words; an unknown one as sent. */
    String mode(String mode) {
        return WORDS.containsKey("mode." + mode) ? t("mode." + mode) : mode;
    }

    /** Every key of the table (for the test that both languages have each one). */
    static java.util.Set<String> keys() {
        return java.util.Collections.unmodifiableSet(WORDS.keySet());
    }
}
