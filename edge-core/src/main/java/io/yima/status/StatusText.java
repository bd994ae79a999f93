package io.yima.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The status JSON as a few lines of plain text, for {@link StatusCommand}. Missing fields print as blanks. */
final class StatusText {

    private StatusText() {
    }

    static String render(JsonNode s) {
        StringBuilder out = new StringBuilder();
        long up = s.path("uptime_seconds").asLong();
        out.append(String.format(Locale.ROOT, "Yima Edge %s, up %dh %02dm%n",
                s.path("edge_version").asText("?"), up / 3600, up / 60 % 60));
        for (JsonNode line : s.path("lines")) {
            out.append(String.format(Locale.ROOT, "%nLine %s (%s)  %s%n", line.path("id").asText(),
                    line.path("mode").asText(), line.path("state").asText()));
            out.append(' ');
            for (String device : new String[] {"printer", "scanner", "plc"}) {
                JsonNode link = line.path(device);
                if (!link.isMissingNode() && !link.isNull()) {
                    out.append(' ').append(device).append(' ').append(link.path("state").asText());
                    if (link.hasNonNull("reason")) {
                        out.append(" (").append(link.path("reason").asText()).append(')');
                    }
                    out.append(' ');
                }
            }
            out.append(System.lineSeparator());
            JsonNode job = line.path("job");
            if (job.isObject()) {
                out.append(String.format(Locale.ROOT,
                        "  job %s  SKU %s  batch %s  printed %,d  bound %,d  rejected %,d  voided %,d  of %,d%n",
                        job.path("id").asText(), job.path("sku").asText(), job.path("batch").asText(),
                        job.path("printed").asLong(), job.path("bound").asLong(), job.path("rejected").asLong(),
                        job.path("voided").asLong(), job.path("quantity").asLong()));
            } else {
                out.append("  no open job").append(System.lineSeparator());
            }
            if (line.path("rejects_by_reason").size() > 0) {
                out.append("  rejects");
                line.path("rejects_by_reason").fields().forEachRemaining(e ->
                        out.append(' ').append(e.getKey()).append(' ').append(e.getValue().asLong()));
                out.append(System.lineSeparator());
            }
            JsonNode latency = line.path("trigger_to_print");
            out.append(String.format(Locale.ROOT, "  rate %.0f items/min  trigger->print p50 %.1f ms  p99 %.1f ms%n",
                    line.path("rate_per_minute").asDouble(), latency.path("p50_ms").asDouble(),
                    latency.path("p99_ms").asDouble()));
        }
        out.append(System.lineSeparator()).append("Vault").append(System.lineSeparator());
        for (JsonNode v : s.path("vault")) {
            out.append(String.format(Locale.ROOT, "  application %d: %,d available of %,d%s%n",
                    v.path("application_id").asLong(), v.path("available").asLong(), v.path("total").asLong(),
                    v.path("low_stock").asBoolean() ? "  LOW STOCK" : ""));
        }
        JsonNode o = s.path("outbox");
        out.append(String.format(Locale.ROOT, "Activation outbox: pending %d, queued %d, activated %d, failed %d%n",
                o.path("pending").asLong(), o.path("queued").asLong(), o.path("activated").asLong(),
                o.path("failed").asLong()));
        if (s.hasNonNull("quota_wait_until")) {
            out.append("Upstream quota: waiting until ").append(s.path("quota_wait_until").asText())
                    .append(System.lineSeparator());
        }
        return out.toString();
    }
}
