package io.yima.line.packing;

import java.util.ArrayList;
import java.util.List;

/**
 * One pallet reader frame (docs/device-protocols.md §8): {@code case1;case2;…;PALLET:<pallet label>}, the case
 * labels the reader at the palletiser (or a handheld at the end of the line) read on one pallet, then the pallet
 * label (null when it was not read). The same framing as a case camera's {@link CaseFrame}, one level up. Bounded:
 * at most {@link #MAX_CHARS} characters and {@link #MAX_CASES} case codes (a pallet holds at most 1000 cases).
 */
public record PalletFrame(List<String> cases, String palletCode) {
    public static final int MAX_CHARS = 32768;
    public static final int MAX_CASES = 1000;
    static final String PALLET = "PALLET:";

    public PalletFrame {
        cases = List.copyOf(cases);
    }

    public static PalletFrame parse(String frame) throws CaseFrame.Unreadable {
        if (frame.length() > MAX_CHARS) {
            throw new CaseFrame.Unreadable("pallet reader frame of " + frame.length() + " characters (at most "
                    + MAX_CHARS + ")");
        }
        String[] fields = frame.split(";", -1);
        String last = fields[fields.length - 1].trim();
        if (!last.startsWith(PALLET)) {
            throw new CaseFrame.Unreadable("pallet reader frame does not end with PALLET:<pallet label> (ends with '"
                    + shorten(last) + "')");
        }
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < fields.length - 1; i++) {
            String f = fields[i].trim();
            if (f.startsWith(PALLET)) {
                throw new CaseFrame.Unreadable("pallet reader frame has a second PALLET: field at position " + (i + 1));
            }
            if (!f.isEmpty()) {
                cases.add(f);
            }
            if (cases.size() > MAX_CASES) {
                throw new CaseFrame.Unreadable("pallet reader frame has more than " + MAX_CASES + " case codes");
            }
        }
        String pallet = last.substring(PALLET.length()).trim();
        return new PalletFrame(cases, pallet.isEmpty() ? null : pallet);
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
