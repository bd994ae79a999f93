package io.yima.line.packing;

import java.util.ArrayList;
import java.util.List;

/**
 * One case camera frame (docs/device-protocols.md §7): {@code code1;code2;…;CASE:<case code>}. The item codes as
 * the camera read them, and the case label (null when the camera could not read it). Bounded: a frame is at most
 * {@link #MAX_CHARS} characters and {@link #MAX_ITEMS} item codes, so a peer cannot make the line hold more.
 */
public record CaseFrame(List<String> items, String caseCode) {
    public static final int MAX_CHARS = 16384;
    public static final int MAX_ITEMS = 256;
    static final String CASE = "CASE:";

    public CaseFrame {
        items = List.copyOf(items);
    }

    /** A frame the line cannot use, in words for the technician. */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    public static CaseFrame parse(String frame) throws Unreadable {
        if (frame.length() > MAX_CHARS) {
            throw new Unreadable("case camera frame of " + frame.length() + " characters (at most " + MAX_CHARS + ")");
        }
        String[] fields = frame.split(";", -1);
        String last = fields[fields.length - 1].trim();
        if (!last.startsWith(CASE)) {
            throw new Unreadable("case camera frame does not end with CASE:<case label> (ends with '"
                    + shorten(last) + "')");
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < fields.length - 1; i++) {
            String f = fields[i].trim();
            if (f.startsWith(CASE)) {
                throw new Unreadable("case camera frame has a second CASE: field at position " + (i + 1));
            }
            if (!f.isEmpty()) {
                items.add(f);
            }
            if (items.size() > MAX_ITEMS) {
                throw new Unreadable("case camera frame has more than " + MAX_ITEMS + " item codes");
            }
        }
        String caseCode = last.substring(CASE.length()).trim();
        return new CaseFrame(items, caseCode.isEmpty() ? null : caseCode);
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
