package io.yima.line;

/**
 * The job's free-text fields (SKU, batch) as people will read them on the status page, in reports and on the
 * brand's side. Every adapter's START passes here ({@link JobSpecs}), so a field that would look empty or display
 * differently from what is stored is refused the same way whichever port it came through.
 */
final class JobText {
    private JobText() {
    }

    /** Refuses {@code value} with BAD_FIELD when no one could read it back as it is stored; null is left alone. */
    static void check(String field, String value) {
        if (value == null) {
            return;
        }
        boolean visible = false;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (isDirectionControl(cp)) {
                throw new LineRefusal(Refusal.BAD_FIELD, field + " holds a text-direction control character ("
                        + String.format("U+%04X", cp) + ") that makes it display differently from what is stored");
            }
            if (Character.isISOControl(cp)) {
                throw new LineRefusal(Refusal.BAD_FIELD, field + " holds a control character ("
                        + String.format("U+%04X", cp) + ")");
            }
            visible |= !isInvisible(cp);
        }
        if (!visible) {
            throw new LineRefusal(Refusal.BAD_FIELD, field + " has no visible character (only spaces or invisible"
                    + " characters such as a zero-width space)");
        }
    }

    /** The embeddings, overrides, isolates and marks that reorder how text is shown (Unicode bidi controls). */
    private static boolean isDirectionControl(int cp) {
        return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** Spaces, format characters (zero-width space and joiners, BOM, word joiner) and the blank filler letters. */
    private static boolean isInvisible(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        if (type == Character.FORMAT || type == Character.CONTROL || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.SURROGATE) {
            return true;
        }
        // letters that render as nothing: Hangul fillers, the braille blank, the combining grapheme joiner
        return cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800 || cp == 0x034F
                || (cp >= 0xFE00 && cp <= 0xFE0F);
    }
}
