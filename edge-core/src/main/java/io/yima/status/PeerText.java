package io.yima.status;

/** Text a browser sent (a job id in a path, an operator's name), made safe for a log line or the audit log. */
final class PeerText {

    private PeerText() {
    }

    /** Control characters as {@code \xNN}, at most {@code max} characters kept (then "…"). */
    static String escape(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), max) + 8);
        int n = 0;
        for (int i = 0; i < s.length() && n < max; i++, n++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (s.length() > max) {
            out.append('…');
        }
        return out.toString();
    }

    static String escape(String s) {
        return escape(s, 80);
    }
}
