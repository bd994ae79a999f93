package io.yima.drivers.printer;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Zebra status replies (docs/device-protocols.md §1.6, §1.7).
 *
 * <p>{@code ~HS} answers with three {@code <STX>...<ETX><CR><LF>} strings of fixed, comma-separated fields:
 * string 1 {@code aaa,b,c,dddd,eee,f,g,h,iii,j,k,l} (b paper out, c paused, e formats in receive buffer,
 * f buffer full, h partial format,
 * j corrupt RAM, k under temperature, l over temperature), string 2 {@code mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www}
 * (o head open, p ribbon out, t label waiting, u labels remaining), string 3 {@code xxxx,y}.
 * {@code ~HQES} answers with one STX..ETX block holding {@code ERRORS: f gggggggg hhhhhhhh} and
 * {@code WARNINGS: ...} lines. Bytes outside STX..ETX are ignored; malformed strings give {@link Health#UNKNOWN}.
 */
public final class ZplStatusParser implements PrinterProtocol {
    static final byte STX = 0x02;
    static final byte ETX = 0x03;
    /** Longest block we keep; real ones are under 60 characters. Longer is garbage, not a reason to grow memory. */
    static final int MAX_BLOCK = 256;
    /** The ~HQES block's line breaks and a line's fields; compiled once (String.split compiles them per call). */
    private static final Pattern LINES = Pattern.compile("[\r\n]+");
    private static final Pattern BLANKS = Pattern.compile("\\s+");

    private final boolean withErrors;

    ZplStatusParser(boolean withErrors) {
        this.withErrors = withErrors;
    }

    @Override
    public String name() {
        return withErrors ? "zpl (~HS ~HQES)" : "zpl (~HS)";
    }

    @Override
    public byte[] statusQuery() {
        return (withErrors ? "~HS~HQES" : "~HS").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public StatusReader newStatusReader() {
        return new Reader(withErrors);
    }

    @Override
    public byte[] cancelQueued() {
        return "~JA".getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses the three {@code ~HS} strings (content between STX and ETX). */
    public static PrinterStatus parseHostStatus(String s1, String s2, String s3) {
        String[] a = s1.trim().split(",", -1);
        String[] b = s2.trim().split(",", -1);
        if (a.length != 12 || b.length != 11 || !allDigits(a) || !allDigits(b) || s3 == null) {
            return PrinterStatus.unknown("malformed ~HS reply");
        }
        Set<PrinterCondition> c = EnumSet.noneOf(PrinterCondition.class);
        flag(a[1], PrinterCondition.PAPER_OUT, c);
        flag(a[2], PrinterCondition.PAUSED, c);
        flag(a[5], PrinterCondition.BUFFER_FULL, c);
        flag(a[7], PrinterCondition.PARTIAL_FORMAT, c);
        flag(a[9], PrinterCondition.CORRUPT_RAM, c);
        flag(a[10], PrinterCondition.UNDER_TEMPERATURE, c);
        flag(a[11], PrinterCondition.OVER_TEMPERATURE, c);
        flag(b[2], PrinterCondition.HEAD_OPEN, c);
        flag(b[3], PrinterCondition.RIBBON_OUT, c);
        flag(b[7], PrinterCondition.LABEL_WAITING, c);
        Integer remaining = Integer.valueOf(b[8]); // allDigits: at most 9 digits
        Integer formats = Integer.valueOf(a[4]);
        return PrinterStatus.of(c, remaining, c.isEmpty() ? "ready" : PrinterCondition.words(c), formats);
    }

    /** Parses a {@code ~HQES} block; {@code null} if it holds no ERRORS line. */
    public static PrinterStatus parseErrorStatus(String block) {
        Set<PrinterCondition> c = EnumSet.noneOf(PrinterCondition.class);
        boolean sawErrors = false;
        for (String line : LINES.split(block)) {
            String[] f = BLANKS.split(line.trim());
            if (f.length == 4 && f[0].equals("ERRORS:") && hex8(f[2]) && hex8(f[3])) {
                sawErrors = true;
                long group1 = Long.parseLong(f[3], 16);
                long group2 = Long.parseLong(f[2], 16);
                errorFlags(group1, c);
                if (group2 != 0 || (group1 & ~0x32FFL) != 0) {
                    c.add(PrinterCondition.OTHER_ERROR);
                }
            } else if (f.length == 4 && f[0].equals("WARNINGS:") && hex8(f[3])) {
                // Warning bit 8 of nibble 1 = paper near end (docs/device-protocols.md §1.7, marked unverified there).
                if ((Long.parseLong(f[3], 16) & 0x8) != 0) {
                    c.add(PrinterCondition.PAPER_NEAR_END);
                }
            }
        }
        if (!sawErrors) {
            return null;
        }
        return PrinterStatus.of(c, null, c.isEmpty() ? "no errors" : PrinterCondition.words(c));
    }

    private static void errorFlags(long g, Set<PrinterCondition> c) {
        if ((g & 0x1) != 0) {
            c.add(PrinterCondition.PAPER_OUT);
        }
        if ((g & 0x2) != 0) {
            c.add(PrinterCondition.RIBBON_OUT);
        }
        if ((g & 0x4) != 0) {
            c.add(PrinterCondition.HEAD_OPEN);
        }
        if ((g & 0x8) != 0) {
            c.add(PrinterCondition.CUTTER_ERROR);
        }
        if ((g & 0x30) != 0) {
            c.add(PrinterCondition.OVER_TEMPERATURE); // printhead (0x10) or motor (0x20) over-temperature
        }
        if ((g & 0xC0) != 0 || (g & 0x200) != 0) {
            c.add(PrinterCondition.PRINTHEAD_ERROR); // bad element, detection error, thermistor open
        }
        if ((g & 0x100) != 0) {
            c.add(PrinterCondition.OTHER_ERROR); // invalid firmware configuration
        }
    }

    private static boolean hex8(String s) {
        if (s.length() != 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(String[] fields) {
        for (String f : fields) {
            if (f.isEmpty() || f.length() > 9) {
                return false;
            }
            for (int i = 0; i < f.length(); i++) {
                if (f.charAt(i) < '0' || f.charAt(i) > '9') {
                    return false;
                }
            }
        }
        return true;
    }

    private static void flag(String field, PrinterCondition condition, Set<PrinterCondition> into) {
        if (!field.chars().allMatch(ch -> ch == '0')) {
            into.add(condition);
        }
    }

    /** Collects STX..ETX blocks: three {@code ~HS} strings, plus the {@code ~HQES} block when asked for. */
    private static final class Reader implements StatusReader {
        private final boolean withErrors;
        private final StringBuilder block = new StringBuilder(64);
        private final String[] hostStatus = new String[3];
        private int hostStrings;
        private boolean inside;
        private boolean overflow;
        private PrinterStatus errorStatus;
        private PrinterStatus done;

        Reader(boolean withErrors) {
            this.withErrors = withErrors;
        }

        @Override
        public PrinterStatus offer(byte[] data, int off, int len) {
            for (int i = off; i < off + len && done == null; i++) {
                byte b = data[i];
                if (b == STX) {
                    inside = true;
                    overflow = false;
                    block.setLength(0);
                } else if (!inside) {
                    continue; // CR LF between strings, or noise
                } else if (b == ETX) {
                    inside = false;
                    if (!overflow) {
                        onBlock(block.toString());
                    }
                } else if (block.length() >= MAX_BLOCK) {
                    overflow = true;
                } else {
                    block.append((char) (b & 0xFF));
                }
            }
            return done;
        }

        private void onBlock(String text) {
            if (text.contains("ERRORS")) {
                PrinterStatus s = parseErrorStatus(text);
                errorStatus = s != null ? s : PrinterStatus.unknown("malformed ~HQES reply");
            } else if (hostStrings < 3) {
                hostStatus[hostStrings++] = text;
            }
            if (hostStrings == 3 && (!withErrors || errorStatus != null)) {
                done = combine(parseHostStatus(hostStatus[0], hostStatus[1], hostStatus[2]), errorStatus);
            } else if (errorStatus != null && hostStrings == 0
                    && (!withErrors || errorStatus.health() == Health.FAULT)) {
                // An ~HQES answer on its own still says what is wrong. Asked for both, the printer answers in
                // order: ~HQES first means ~HS went unanswered (a Zebra is silent on it while the paper is out
                // or the head open), so waiting out the status timeout for it would only hear the fault late.
                done = errorStatus;
            }
        }

        @Override
        public PrinterStatus partial() {
            if (hostStrings == 3) {
                return parseHostStatus(hostStatus[0], hostStatus[1], hostStatus[2]);
            }
            return errorStatus;
        }

        private static PrinterStatus combine(PrinterStatus hs, PrinterStatus es) {
            if (es == null || es.health() == Health.UNKNOWN) {
                return hs;
            }
            if (hs.health() == Health.UNKNOWN) {
                return es;
            }
            Set<PrinterCondition> c = EnumSet.noneOf(PrinterCondition.class);
            c.addAll(hs.conditions());
            c.addAll(es.conditions());
            return PrinterStatus.of(c, hs.labelsRemaining(), c.isEmpty() ? "ready" : PrinterCondition.words(c),
                    hs.formatsInBuffer());
        }
    }
}
