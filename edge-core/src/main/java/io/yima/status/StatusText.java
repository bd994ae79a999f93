package io.yima.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The status JSON as plain text for {@code yima-edge status}, in the technician's language, laid out for a terminal
 * of a given width (fields never wrap inside a word). Missing fields print as blanks, so an older edge still shows.
 */
public final class StatusText {

    private StatusText() {
    }

    /** In English, 80 columns (the shape scripts and older tests read). */
    static String render(JsonNode s) {
        return render(s, new TerminalWords(TerminalWords.Lang.EN), TerminalLines.DEFAULT_WIDTH);
    }

    public static String render(JsonNode s, TerminalWords w, int width) {
        TerminalLines out = new TerminalLines(width);
        long up = s.path("uptime_seconds").asLong();
        out.line("", List.of("Yima Edge " + s.path("edge_version").asText("?"),
                w.t("up") + " " + String.format(Locale.ROOT, w.t("uptime"), up / 3600, up / 60 % 60)));
        for (JsonNode line : s.path("lines")) {
            out.blank();
            String state = line.path("state").asText();
            out.line("", List.of(w.t("line") + " " + line.path("id").asText(), w.mode(line.path("mode").asText()),
                    w.t("state." + state) + sinceText(w, line.path("state_since"))));
            List<String> devices = new ArrayList<>();
            for (String device : new String[] {"printer", "scanner", "plc", "vault", "case_printer",
                "case_reader"}) {
                JsonNode link = line.path(device);
                if (link.isMissingNode() || link.isNull()) {
                    continue;
                }
                String linkState = link.path("state").asText();
                if (device.equals("vault") && linkState.equals("ONLINE")) {
                    continue; // the vault is only worth a word when its writes fail
                }
                String reason = w.deviceReason(link.path("reason").asText(null));
                devices.add(w.t("device." + device) + " " + w.t("link." + linkState)
                        + (reason.isEmpty() ? "" : colon(w) + reason)
                        + sinceText(w, link.path("since")));
            }
            out.line("  ", devices);
            JsonNode job = line.path("job");
            if (job.isObject()) {
                out.line("  ", List.of(w.t("job") + " " + job.path("id").asText(),
                        w.t("sku") + " " + job.path("sku").asText(), w.t("batch") + " " + job.path("batch").asText()));
                out.line("  ", List.of(
                        w.t("printed") + " " + n(job.path("printed")) + " / " + w.t("of") + " " + n(job.path("quantity")),
                        w.t("bound") + " " + n(job.path("bound")),
                        w.t("rejected") + " " + n(job.path("rejected")),
                        w.t("voided") + " " + n(job.path("voided"))));
                long stale = job.path("stale").asLong();
                if (stale > 0) {
                    out.line("  ", List.of(w.t("stale") + " " + n(job.path("stale")) + colon(w) + w.t("staleHint")));
                }
            } else {
                out.line("  ", List.of(w.t("noJob")));
            }
            if (line.path("rejects_by_reason").size() > 0) {
                List<String> fields = new ArrayList<>();
                fields.add(w.t("rejects") + colon(w).strip());
                line.path("rejects_by_reason").fields().forEachRemaining(e ->
                        fields.add(w.reason(e.getKey()) + " " + n(e.getValue())));
                out.line("  ", fields);
            }
            JsonNode latency = line.path("trigger_to_print");
            out.line("  ", List.of(
                    w.t("rate") + " " + String.format(Locale.ROOT, "%.0f", line.path("rate_per_minute").asDouble())
                            + " " + w.t("perMin"),
                    w.t("latency") + " p50 " + String.format(Locale.ROOT, "%.1f ms", latency.path("p50_ms").asDouble())
                            + "  p99 " + String.format(Locale.ROOT, "%.1f ms", latency.path("p99_ms").asDouble())));
        }
        out.blank().line(w.t("vaultStock"));
        for (JsonNode v : s.path("vault")) {
            List<String> fields = new ArrayList<>();
            fields.add(w.t("application") + " " + v.path("application_id").asLong() + colon(w).strip());
            fields.add(w.t("available") + " " + n(v.path("available")) + " / " + w.t("total") + " " + n(v.path("total")));
            String level = v.path("level").asText("");
            if (level.equals("amber") || level.equals("red")) {
                fields.add(w.t("stock." + level) + sinceText(w, v.path("low_since")));
            } else if (v.path("low_stock").asBoolean()) {
                fields.add(w.t("lowStock"));
            }
            out.line("  ", fields);
        }
        JsonNode o = s.path("outbox");
        out.line("", List.of(w.t("outbox") + colon(w).strip(), w.t("pending") + " " + n(o.path("pending")),
                w.t("queued") + " " + n(o.path("queued")), w.t("activated") + " " + n(o.path("activated")),
                w.t("failed") + " " + n(o.path("failed"))));
        if (s.hasNonNull("quota_wait_until")) {
            out.line("", List.of(w.t("quota") + " " + s.path("quota_wait_until").asText()));
        }
        exportLine(out, w, s.path("export"));
        opcuaLine(out, w, s.path("opcua"));
        adapterLines(out, w, s.path("adapters"));
        return out.toString();
    }

    /**
     * Every adapter (each line's PLC port and Modbus link, OPC UA, the MQTT export, the status port) with its state
     * and, when it is not online, why: the list /health and the dashboard show.
     */
    private static void adapterLines(TerminalLines out, TerminalWords w, JsonNode adapters) {
        if (!adapters.isArray() || adapters.isEmpty()) {
            return; // an edge too old to say
        }
        out.blank().line(w.t("adapters"));
        for (JsonNode a : adapters) {
            String reason = a.hasNonNull("reason") ? w.phrase(a.path("reason").asText()) : "";
            out.line("  ", List.of(w.adapter(a.path("name").asText("?")),
                    w.adapterState(a.path("state").asText("")) + (reason.isBlank() ? "" : colon(w) + reason)));
        }
    }

    private static void exportLine(TerminalLines out, TerminalWords w, JsonNode e) {
        if (e.isMissingNode() || e.isNull()) {
            out.line("", List.of(w.t("export") + colon(w).strip(), w.t("exportOff")));
            return;
        }
        List<String> fields = new ArrayList<>();
        fields.add(w.t("export") + colon(w).strip());
        String link = e.path("link").asText("");
        fields.add(w.t("exportLink." + link).startsWith("exportLink.") ? link : w.t("exportLink." + link));
        fields.add(w.t("backlog") + " " + n(e.path("backlog")));
        if (e.path("backlog").asLong() > 0) {
            fields.add(w.t("oldest") + " " + age(e.path("oldest_age_seconds").asDouble()));
        }
        if (e.hasNonNull("reason") && !e.path("reason").asText().isBlank()) {
            fields.add("(" + e.path("reason").asText() + ")");
        }
        if (e.hasNonNull("alarm")) {
            fields.add(w.t("alarm") + colon(w) + e.path("alarm").asText());
        }
        out.line("", fields);
    }

    private static void opcuaLine(TerminalLines out, TerminalWords w, JsonNode u) {
        if (u.isMissingNode()) {
            return; // an edge too old to say
        }
        if (u.isNull()) {
            out.line("", List.of(w.t("opcua") + colon(w).strip(), w.t("opcuaOff")));
            return;
        }
        String state = u.path("state").asText("");
        String reason = u.path("reason").asText("");
        out.line("", List.of(w.t("opcua") + colon(w).strip(),
                (w.t("opcuaState." + state).startsWith("opcuaState.") ? state : w.t("opcuaState." + state))
                        + (reason.isBlank() ? "" : colon(w) + reason) + sinceText(w, u.path("since")),
                u.path("endpoint").asText("")));
    }

    /**
     * What the snapshot says for a monitoring script: 1 when a line is in FAULT, else 0. (2, no fresh data, is
     * the command's to decide: it knows whether the edge answered.)
     */
    public static int exitCode(JsonNode s) {
        for (JsonNode line : s.path("lines")) {
            if ("FAULT".equals(line.path("state").asText())) {
                return 1;
            }
        }
        return 0;
    }

    private static String sinceText(TerminalWords w, JsonNode since) {
        if (since.isMissingNode() || since.isNull() || since.asText().isBlank()) {
            return "";
        }
        String t = since.asText();
        // 2026-11-26T15:00:00.123Z → 15:00:00Z: the day is today's on a live screen, the zone stays visible
        int tee = t.indexOf('T');
        String clock = tee < 0 ? t : t.substring(tee + 1).replaceFirst("\\.\\d+", "");
        return " " + w.f("since", clock);
    }

    /** ": " in English, the full-width "：" in Chinese. */
    private static String colon(TerminalWords w) {
        return w.lang() == TerminalWords.Lang.ZH ? "：" : ": ";
    }

    private static String n(JsonNode v) {
        return String.format(Locale.ROOT, "%,d", v.asLong());
    }

    private static String age(double seconds) {
        long s = Math.round(seconds);
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
    }
}
