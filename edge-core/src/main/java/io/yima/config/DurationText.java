package io.yima.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as a technician writes them in YAML: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, ISO {@code PT5S}, or bare milliseconds. */
public final class DurationText extends JsonDeserializer<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
        if (p.currentToken().isNumeric()) {
            return Duration.ofMillis(p.getLongValue());
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
}
