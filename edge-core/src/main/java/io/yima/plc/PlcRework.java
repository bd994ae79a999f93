package io.yima.plc;

/**
 * The rework commands' fields, bounded before anything reaches the vault: a code is what a scanner reads of a
 * label (an item's or WeChat case code's code or 28-character URL, an SSCC as 18 digits, {@code (00)…} or
 * {@code urn:epc:id:sscc:…}), percent-decoded, 1 to {@link #MAX_CODE} visible ASCII characters; a reason is short
 * text for the audit log.
 */
final class PlcRework {
    /** Longest code accepted: an EPC URI of an SSCC is 35 characters, a URL 28; a 361-cell matrix does not fit a frame. */
    static final int MAX_CODE = 64;
    static final int MAX_REASON = 100;
    /** Longest PLC id written into the audit log as the operator. */
    static final int MAX_ACTOR = 40;
    static final int MAX_CASES = 9999;

    private PlcRework() {
    }

    static void fields(PlcRequest req, int min, int max) {
        int n = req.args().size();
        if (n < min || n > max) {
            throw new PlcNak("BAD_FIELD", req.command() + " takes " + (min == max ? Integer.toString(min)
                    : min + " to " + max) + " fields after seq, not " + n);
        }
    }

    static String code(PlcRequest req, int i, String name) {
        String raw = req.arg(i);
        String v = raw == null ? null : PlcMessage.decode(raw);
        if (v == null || v.isEmpty()) {
            throw new PlcNak("BAD_FIELD", name + ": a code is required");
        }
        if (v.length() > MAX_CODE) {
            throw new PlcNak("BAD_FIELD", name + ": a code is at most " + MAX_CODE + " characters");
        }
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            if (c <= 0x20 || c > 0x7E) {
                throw new PlcNak("BAD_FIELD", name + ": a code is visible ASCII, no space (column " + (k + 1) + ")");
            }
        }
        return v;
    }

    /** An optional reason for the audit log (null when absent). */
    static String reason(PlcRequest req, int i) {
        String raw = req.arg(i);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        String v = PlcMessage.decode(raw);
        if (v == null || v.isBlank() || v.length() > MAX_REASON || v.chars().anyMatch(Character::isISOControl)) {
            throw new PlcNak("BAD_FIELD", "reason: text of 1 to " + MAX_REASON + " characters, no control character");
        }
        return v.strip();
    }

    /** REPALLET's optional case count: 0 (all) to {@link #MAX_CASES}. */
    static int cases(PlcRequest req, int i) {
        String v = req.arg(i);
        if (v == null || v.isEmpty()) {
            return 0;
        }
        if (v.length() > 4 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new PlcNak("BAD_FIELD", "cases: a count of 0 (all) to " + MAX_CASES);
        }
        return Integer.parseInt(v);
    }

    /** The PLC's id as the audit log's operator: bounded, visible characters only. */
    static String actor(String plcId) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < plcId.length() && sb.length() < MAX_ACTOR; k++) {
            char c = plcId.charAt(k);
            sb.append(c > 0x20 && c < 0x7F ? c : '_');
        }
        return sb.length() == 0 ? "(no id)" : sb.toString();
    }
}
