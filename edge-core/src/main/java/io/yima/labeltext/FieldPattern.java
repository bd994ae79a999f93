package io.yima.labeltext;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text element's value: literal text with fields in braces. Fields: {@code {code}} (the 9-character code),
 * {@code {url}}, {@code {sku}}, {@code {batch}}, {@code {title}}, {@code {brand}}, {@code {line}}, {@code {job}},
 * {@code {item}}, {@code {seq}} (the label's number in its job), and dates {@code {date}},
 * {@code {date:yyyy-MM-dd}}, {@code {date+365d:yyyy.MM.dd}} (offsets in d, m or y; the line's time zone).
 * {@code {{} and {@code }}} are literal braces. Parsed once at start, so a mistyped field fails there: the config
 * check parses every template text when the file is loaded, the template composer again when the line starts.
 */
public final class FieldPattern {
    /** Fields that change from label to label. */
    static final Set<String> PER_LABEL = Set.of("code", "url", "item", "seq");
    static final Set<String> FIELDS = Set.of("code", "url", "sku", "batch", "title", "brand", "line", "job", "item",
            "seq", "date");
    private static final Pattern DATE = Pattern.compile("date(?:([+-])(\\d{1,4})([dmy]))?(?::(.+))?");

    private sealed interface Part permits Literal, Field, DateField {
    }

    private record Literal(String text) implements Part {
    }

    private record Field(String name) implements Part {
    }

    private record DateField(int sign, int amount, char unit, DateTimeFormatter format) implements Part {
    }

    private final List<Part> parts;
    private final boolean perLabel;
    private final boolean hasDate;

    private FieldPattern(List<Part> parts) {
        this.parts = parts;
        this.perLabel = parts.stream().anyMatch(p -> p instanceof Field f && PER_LABEL.contains(f.name));
        this.hasDate = parts.stream().anyMatch(p -> p instanceof DateField);
    }

    /** @throws IllegalArgumentException naming the field that is wrong and the fields there are */
    public static FieldPattern parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                lit.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < text.length() && text.charAt(i + 1) == '}') {
                lit.append('}');
                i += 2;
            } else if (c == '{') {
                int end = text.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("'{' at character " + (i + 1) + " is not closed by '}'"
                            + " (write {{ for a literal brace)");
                }
                if (lit.length() > 0) {
                    parts.add(new Literal(lit.toString()));
                    lit.setLength(0);
                }
                parts.add(field(text.substring(i + 1, end).trim()));
                i = end + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException("'}' at character " + (i + 1) + " closes no field"
                        + " (write }} for a literal brace)");
            } else {
                lit.append(c);
                i++;
            }
        }
        if (lit.length() > 0) {
            parts.add(new Literal(lit.toString()));
        }
        return new FieldPattern(List.copyOf(parts));
    }

    private static Part field(String f) {
        Matcher m = DATE.matcher(f);
        if (m.matches()) {
            DateTimeFormatter fmt;
            try {
                fmt = DateTimeFormatter.ofPattern(m.group(4) == null ? "yyyy-MM-dd" : m.group(4), Locale.ROOT);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("{" + f + "}: '" + m.group(4) + "' is not a date format"
                        + " (e.g. yyyy-MM-dd, yyyy.MM.dd, yyyy年MM月dd日)");
            }
            return m.group(1) == null ? new DateField(1, 0, 'd', fmt)
                    : new DateField(m.group(1).equals("-") ? -1 : 1, Integer.parseInt(m.group(2)),
                    m.group(3).charAt(0), fmt);
        }
        if (!FIELDS.contains(f)) {
            throw new IllegalArgumentException("unknown field {" + f + "} (fields: code, url, sku, batch, title, brand,"
                    + " line, job, item, seq, date, date+365d:yyyy-MM-dd)");
        }
        return new Field(f);
    }

    /** True when the text differs from label to label (it holds the code, the item or the label number). */
    public boolean perLabel() {
        return perLabel;
    }

    /**
     * True when the text's own letters (outside its fields) are printable ASCII: only such text can go in a
     * printer's built-in font, whose glyphs are Latin.
     */
    public boolean asciiLiterals() {
        return parts.stream().allMatch(p -> !(p instanceof Literal l)
                || l.text.chars().allMatch(c -> c >= 0x20 && c <= 0x7E));
    }

    /** True when the text holds a date (it changes at midnight). */
    public boolean hasDate() {
        return hasDate;
    }

    /** The text for one label; a field the job does not have prints as nothing. */
    public String resolve(FieldValues v) {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Literal l) {
                sb.append(l.text);
            } else if (p instanceof Field f) {
                String s = v.field(f.name);
                if (s != null) {
                    sb.append(s);
                }
            } else if (p instanceof DateField d) {
                LocalDate day = v.today();
                long n = (long) d.sign * d.amount;
                day = switch (d.unit) {
                    case 'm' -> day.plusMonths(n);
                    case 'y' -> day.plusYears(n);
                    default -> day.plusDays(n);
                };
                sb.append(d.format.format(day));
            }
        }
        return sb.toString();
    }
}
