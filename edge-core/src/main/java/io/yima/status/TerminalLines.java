package io.yima.status;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays out text for a terminal of a given width: a line is a list of fields, kept whole and wrapped between
 * fields onto indented continuation lines; a field wider than the terminal breaks between words (or between
 * Chinese characters, which is where Chinese breaks), never inside a word. Widths count what the terminal
 * shows: a Chinese character takes two columns.
 */
public final class TerminalLines {

    public static final int DEFAULT_WIDTH = 80;
    private static final String FIELD_GAP = "  ";

    private final int width;
    private final StringBuilder out = new StringBuilder();

    public TerminalLines(int width) {
        this.width = Math.max(20, width);
    }

    /** One logical line: {@code fields} after {@code indent}, continuation lines two columns further in. */
    TerminalLines line(String indent, List<String> fields) {
        String more = indent + "  ";
        StringBuilder current = new StringBuilder(indent);
        int used = columns(indent);
        boolean empty = true;
        for (String field : fields) {
            if (field == null || field.isEmpty()) {
                continue;
            }
            int w = columns(field);
            int need = (empty ? 0 : FIELD_GAP.length()) + w;
            if (used + need <= width) {
                if (!empty) {
                    current.append(FIELD_GAP);
                }
                current.append(field);
                used += need;
                empty = false;
                continue;
            }
            if (!empty && columns(more) + w <= width) {
                flush(current);
                current.append(more).append(field);
                used = columns(more) + w;
                continue;
            }
            // wider than a line: break between words, starting on a line of its own
            if (!empty) {
                flush(current);
                current.append(more);
                used = columns(more);
            }
            boolean lineStart = true;
            for (String word : words(field)) {
                String text = lineStart ? word.stripLeading() : word;
                if (!lineStart && used + columns(text) > width) {
                    flush(current);
                    current.append(more);
                    used = columns(more);
                    text = word.stripLeading();
                }
                current.append(text);
                used += columns(text);
                lineStart = false;
            }
            empty = false;
        }
        flush(current);
        return this;
    }

    /** A line of one field. */
    public TerminalLines line(String text) {
        return line("", List.of(text));
    }

    TerminalLines blank() {
        out.append(System.lineSeparator());
        return this;
    }

    private void flush(StringBuilder current) {
        String s = current.toString().stripTrailing();
        out.append(s).append(System.lineSeparator());
        current.setLength(0);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /**
     * A field's break points: each word keeps the space before it; each Chinese character (and the full-width
     * punctuation after it) is a piece of its own.
     */
    static List<String> words(String field) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        int i = 0;
        while (i < field.length()) {
            int cp = field.codePointAt(i);
            int n = Character.charCount(cp);
            if (cp == ' ' && piece.length() > 0 && !piece.toString().isBlank()) {
                pieces.add(piece.toString());
                piece.setLength(0);
            } else if (wide(cp) && piece.length() > 0 && !piece.toString().isBlank() && !closingPunctuation(cp)) {
                pieces.add(piece.toString());
                piece.setLength(0);
            }
            piece.appendCodePoint(cp);
            if (wide(cp) && !closingPunctuation(cp)) {
                // the next Chinese character may start a new piece; Latin text right after sticks to it
                pieces.add(piece.toString());
                piece.setLength(0);
            }
            i += n;
        }
        if (piece.length() > 0) {
            pieces.add(piece.toString());
        }
        // closing punctuation stays with the character before it
        List<String> joined = new ArrayList<>();
        for (String p : pieces) {
            if (!joined.isEmpty() && closingPunctuation(p.codePointAt(0))) {
                joined.set(joined.size() - 1, joined.get(joined.size() - 1) + p);
            } else {
                joined.add(p);
            }
        }
        return joined;
    }

    private static boolean closingPunctuation(int cp) {
        return "，。、；：）」！？".indexOf(cp) >= 0;
    }

    /** Columns a terminal gives {@code s}: two for East Asian wide and full-width characters, one otherwise. */
    static int columns(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            n += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return n;
    }

    static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
