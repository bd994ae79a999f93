package io.yima.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as a technician writes them in YAML: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h} or ISO
 * {@code PT5S}. A bare number is refused: {@code heartbeat: 2} meant seconds to the person who wrote it and
 * milliseconds to the parser, and the PLC link then dropped every quarter second.
 */
public final class DurationText extends JsonDeserializer<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        if (p.currentToken().isNumeric()) {
            String n = p.getText();
            throw com.fasterxml.jackson.databind.JsonMappingException.from(p, "'" + n + "' needs a unit: write "
                    + n + "ms, " + n + "s or " + n + "m");
        }
        String text = p.getValueAsString();
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            return (Duration) ctx.handleWeirdStringValue(Duration.class, text, e.getMessage());
        }
    }

    public static Duration parse(String text) {
        String t = text.trim();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        if (t.startsWith("PT") || t.startsWith("P")) {
            return Duration.parse(t);
        }
        throw new IllegalArgumentException("expected a duration like 250ms, 5s, 2m or PT5S, got '" + text + "'");
    }

    /** The way a technician writes it: {@code 250ms}, {@code 5s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 && ms != 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
