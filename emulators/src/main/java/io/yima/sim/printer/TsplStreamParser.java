package io.yima.sim.printer;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.yima.sim.label.LabelRaster;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * TSC TSPL/TSPL2 as a label printer reads it (docs/device-protocols.md §6): commands one a line ended by LF (CR
 * before it ignored), drawn into an image buffer that {@code CLS} clears and {@code PRINT} prints; {@code BITMAP}
 * carries its raw data between the fifth comma and the end of the line. The immediate commands {@code <ESC>!?},
 * {@code <ESC>!S} (status), {@code <ESC>!.} (cancel), {@code <ESC>!P} / {@code <ESC>!O} (pause / resume) are acted on
 * between commands. Understood: {@code SIZE GAP DIRECTION CLS BITMAP QRCODE DMATRIX TEXT PRINT}, and
 * {@code DOWNLOAD "NAME",size,data} (a file into the printer's DRAM, shared by its connections, bounded, emptied by a
 * power cycle) with {@code PUTBMP x,y,"NAME"} (a downloaded 1-bit BMP drawn). Setup commands that change nothing on
 * the raster are accepted; anything else is counted and skipped. A line longer than {@link #MAX_LINE}, a bitmap
 * beyond {@link #MAX_BITMAP_BYTES} or a file beyond {@link #MAX_FILE_BYTES} is skipped, so memory stays bounded
 * whatever arrives.
 */
final class TsplStreamParser extends BufferedStreamParser {
    static final int MAX_LINE = 64 * 1024;
    static final int MAX_BITMAP_BYTES = 1 << 20;
    /** A 4-inch head at 600 dpi across, 8000 dots along: larger labels do not exist on these printers. */
    static final int MAX_WIDTH_DOTS = 2400;
    static final int MAX_HEIGHT_DOTS = 8000;
    static final int MAX_COPIES = 1000;
    /** The emulated model: a TSC TTP-344M Pro prints at 300 dpi. */
    static final int DEFAULT_DPI = 300;
    static final int MAX_FILE_BYTES = 1 << 20;
    private static final int MAX_BITMAP_HEADER = 64;
    private static final int MAX_DOWNLOAD_HEADER = 128;
    private static final Set<String> ACCEPTED = Set.of("GAP", "BLINE", "SPEED", "DENSITY", "REFERENCE", "OFFSET",
            "SHIFT", "SET", "CODEPAGE", "COUNTRY", "LIMITFEED", "SOUND", "HOME");
    private static final Charset GB18030 = Charset.forName("GB18030");

    private enum State { COMMAND, DISCARD_LINE }

    private final ParserOutput out;
    private final int dpi;
    private final StoredObjects stored;
    private State state = State.COMMAND;
    private long rawBytes;      // bytes since the last PRINT
    private int lineBytes;      // size of the command line being acted on, its LF included
    private LabelRaster canvas;
    private int direction;
    private final List<String> texts = new ArrayList<>();
    private final List<io.yima.sim.label.PrintedText> textFields = new ArrayList<>();
    private final List<String> symbolData = new ArrayList<>();

    TsplStreamParser(ParserOutput out) {
        this(out, new StoredObjects());
    }

    TsplStreamParser(ParserOutput out, StoredObjects stored) {
        this(out, DEFAULT_DPI, stored);
    }

    TsplStreamParser(ParserOutput out, int dpi) {
        this(out, dpi, new StoredObjects());
    }

    TsplStreamParser(ParserOutput out, int dpi, StoredObjects stored) {
        this.out = out;
        this.dpi = dpi;
        this.stored = stored;
    }

    @Override
    void skipped(long n) {
        rawBytes += n;
    }

    @Override
    int parse() {
        int p = 0;
        while (p < len && skip == 0) {
            int n = state == State.DISCARD_LINE ? discardLine(p) : command(p);
            if (n == 0) {
                break;
            }
            rawBytes += n;
            p += n;
        }
        return p;
    }

    private int discardLine(int p) {
        int lf = indexOf((byte) '\n', p, len);
        if (lf < 0) {
            return len - p;
        }
        state = State.COMMAND;
        return lf + 1 - p;
    }

    /** Size of the complete command at {@code p} after acting on it, or 0 when more bytes are needed. */
    private int command(int p) {
        byte b = buf[p];
        if (b == '\r' || b == '\n' || b == ' ' || b == '\t' || b == 0) {
            return 1;
        }
        if (b == 0x1B) {
            if (len - p < 3) {
                return 0;
            }
            immediate(buf[p + 1], buf[p + 2]);
            return 3;
        }
        if (startsWith(p, "BITMAP")) {
            return bitmap(p);
        }
        if (startsWith(p, "DOWNLOAD")) {
            int n = download(p);
            if (n >= 0) {
                return n;
            } // else a program download (no size): the line path reports it
        }
        int lf = indexOf((byte) '\n', p, Math.min(len, p + MAX_LINE));
        if (lf < 0) {
            if (len - p >= MAX_LINE) {
                out.error("command line longer than " + MAX_LINE + " bytes skipped");
                state = State.DISCARD_LINE;
                return len - p;
            }
            return 0;
        }
        int end = lf > p && buf[lf - 1] == '\r' ? lf - 1 : lf;
        lineBytes = lf + 1 - p;
        line(Arrays.copyOfRange(buf, p, end));
        return lineBytes;
    }

    private void immediate(byte bang, byte c) {
        if (bang != '!') {
            out.error("ESC not followed by '!'");
            return;
        }
        switch (c) {
            case '?' -> out.query(StatusQuery.TSPL_STATUS_BYTE);
            case 'S' -> out.query(StatusQuery.TSPL_STATUS_EXTENDED);
            case '.' -> out.control("JA");
            case 'P' -> out.control("PP");
            case 'O' -> out.control("PS");
            default -> out.error("immediate command <ESC>!" + (char) (c & 0xFF) + " not emulated");
        }
    }

    /** {@code BITMAP x,y,width bytes,height,mode,data}: the data is binary, {@code width * height} bytes. */
    private int bitmap(int p) {
        int commas = 0;
        int q = p;
        while (q < len && commas < 5) {
            if (buf[q] == ',') {
                commas++;
            } else if (buf[q] == '\n' || q - p > MAX_BITMAP_HEADER) {
                out.error("BITMAP header malformed");
                state = State.DISCARD_LINE;
                return q - p;
            }
            q++;
        }
        if (commas < 5) {
            return 0;
        }
        String[] f = new String(buf, p + 6, q - 1 - (p + 6), StandardCharsets.ISO_8859_1).trim().split(",", -1);
        int[] v = new int[5];
        try {
            for (int i = 0; i < 5; i++) {
                v[i] = Integer.parseInt(f[i].trim());
            }
        } catch (NumberFormatException e) {
            out.error("BITMAP parameters are not numbers");
            state = State.DISCARD_LINE;
            return q - p;
        }
        long size = (long) v[2] * v[3];
        if (v[2] < 0 || v[3] < 0 || size > MAX_BITMAP_BYTES || v[4] < 0 || v[4] > 2) {
            out.error("BITMAP of " + v[2] + " x " + v[3] + " bytes, mode " + v[4] + " refused, its data skipped");
            skip = Math.max(0, size);
            return q - p;
        }
        if (len - q < size) {
            return 0;
        }
        if (canvas == null) {
            out.error("BITMAP before SIZE");
        } else {
            draw(v[0], v[1], v[2], v[3], v[4], q);
        }
        return q - p + (int) size;
    }

    /**
     * {@code DOWNLOAD [memory,]"NAME",size,data}: {@code size} bytes of binary data stored under NAME in DRAM (no
     * memory letter). Returns the bytes consumed, 0 when more are needed, -1 when the line has no size (a BASIC
     * program download, not emulated: the line path reports it).
     */
    private int download(int p) {
        int limit = Math.min(len, p + MAX_DOWNLOAD_HEADER);
        int open = -1;
        int close = -1;
        int sizeComma = -1;
        int q = p + 8;
        for (; q < limit; q++) {
            byte b = buf[q];
            if (b == '\n') {
                return -1;
            }
            if (open < 0) {
                if (b == '"') {
                    open = q;
                }
            } else if (close < 0) {
                if (b == '"') {
                    close = q;
                }
            } else if (b == ',') {
                if (sizeComma < 0) {
                    sizeComma = q;
                } else {
                    break;
                }
            }
        }
        if (q >= limit) {
            if (len - p < MAX_DOWNLOAD_HEADER) {
                return 0;
            }
            out.error("DOWNLOAD header malformed");
            state = State.DISCARD_LINE;
            return limit - p;
        }
        int dataAt = q + 1;
        String memory = new String(buf, p + 8, open - (p + 8), StandardCharsets.ISO_8859_1).trim();
        String name = new String(buf, open + 1, close - open - 1, StandardCharsets.ISO_8859_1);
        String between = new String(buf, close + 1, sizeComma - close - 1, StandardCharsets.ISO_8859_1).trim();
        long size;
        try {
            size = Long.parseLong(new String(buf, sizeComma + 1, q - sizeComma - 1, StandardCharsets.ISO_8859_1)
                    .trim());
        } catch (NumberFormatException e) {
            out.error("DOWNLOAD " + shorten(name) + ": data size is not a number");
            state = State.DISCARD_LINE;
            return dataAt - p;
        }
        if (size < 0 || size > MAX_FILE_BYTES || !between.isEmpty() || name.isEmpty() || name.length() > 64) {
            out.error("DOWNLOAD " + shorten(name) + " of " + size + " bytes refused, its data skipped");
            skip = Math.max(0, size);
            return dataAt - p;
        }
        if (!memory.isEmpty()) {
            // "F," (flash) or "E," (card) survive a power cycle; this printer emulates DRAM only
            out.error("DOWNLOAD " + shorten(name) + " to memory " + shorten(memory) + " not emulated, data skipped");
            skip = size;
            return dataAt - p;
        }
        if (len - dataAt < size) {
            return 0;
        }
        String refused = stored.putFile(name, Arrays.copyOfRange(buf, dataAt, dataAt + (int) size));
        if (refused != null) {
            out.error("DOWNLOAD " + shorten(name) + ": " + refused);
        }
        return dataAt - p + (int) size;
    }

    private static String shorten(String s) {
        return s.length() > 20 ? s.substring(0, 20) : s;
    }

    /** Mode 0 overwrites the rectangle, 1 ORs the black dots in, 2 XORs them; a 0 bit is a printed dot. */
    private void draw(int x, int y, int bytesPerRow, int rows, int mode, int data) {
        for (int r = 0; r < rows; r++) {
            for (int b = 0; b < bytesPerRow; b++) {
                int bits = buf[data + r * bytesPerRow + b] & 0xFF;
                for (int bit = 0; bit < 8; bit++) {
                    boolean black = (bits & (0x80 >>> bit)) == 0;
                    int px = x + 8 * b + bit;
                    int py = y + r;
                    switch (mode) {
                        case 0 -> canvas.set(px, py, black);
                        case 1 -> {
                            if (black) {
                                canvas.set(px, py, true);
                            }
                        }
                        default -> {
                            if (black) {
                                canvas.set(px, py, !canvas.get(px, py));
                            }
                        }
                    }
                }
            }
        }
    }

    private void line(byte[] line) {
        String text = new String(line, StandardCharsets.ISO_8859_1);
        int space = text.indexOf(' ');
        String name = (space < 0 ? text : text.substring(0, space)).trim().toUpperCase(Locale.ROOT);
        List<byte[]> args = space < 0 ? List.of() : arguments(line, space + 1);
        if (args == null) {
            out.error(name + ": unterminated string");
            return;
        }
        try {
            switch (name) {
                case "SIZE" -> size(args);
                case "DIRECTION" -> direction = number(args, 0) == 1 ? 1 : 0;
                case "CLS" -> clear();
                case "TEXT" -> text(args);
                case "QRCODE" -> qrcode(args);
                case "DMATRIX" -> dmatrix(args);
                case "PUTBMP" -> putbmp(args);
                case "DOWNLOAD" -> throw new IllegalArgumentException("program downloads are not emulated");
                case "PRINT" -> print(args);
                default -> {
                    if (!ACCEPTED.contains(name)) {
                        out.error("unknown command " + (name.length() > 20 ? name.substring(0, 20) : name));
                    }
                }
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            out.error(name + ": " + e.getMessage());
        }
    }

    /** {@code SIZE w,h}: inches, or with {@code mm} / {@code dot} after each number. */
    private void size(List<byte[]> args) {
        int w = dots(string(args, 0));
        int h = dots(string(args, 1));
        if (w < 1 || h < 1 || w > MAX_WIDTH_DOTS || h > MAX_HEIGHT_DOTS) {
            throw new IllegalArgumentException("label of " + w + " x " + h + " dots outside this printer's range");
        }
        canvas = new LabelRaster(w, h);
    }

    private int dots(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        double factor;
        if (s.endsWith("mm")) {
            factor = dpi / 25.4;
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("dot")) {
            factor = 1;
            s = s.substring(0, s.length() - 3);
        } else {
            factor = dpi;
        }
        double n = Double.parseDouble(s.trim());
        if (!(n >= 0 && n < 10_000)) {
            throw new IllegalArgumentException("size " + v + " out of range");
        }
        return (int) Math.floor(n * factor + 1e-9);
    }

    private void clear() {
        if (canvas != null) {
            canvas = new LabelRaster(canvas.width(), canvas.height());
        }
        texts.clear();
        textFields.clear();
        symbolData.clear();
    }

    /**
     * {@code TEXT x,y,"font",rotation,x-mul,y-mul,"content"}: recorded. The scalable fonts ("0" and the
     * {@code .TTF} ones, whose multipliers are the width and height in points) without rotation are also drawn, in
     * the emulator's own font ({@link FontPainter}), the height in points at this printer's dpi, and recorded with
     * their place; the bitmap fonts ("1".."8", TSS Chinese) are recorded only.
     */
    private void text(List<byte[]> args) {
        String font = string(args, 2);
        String content = new String(args.get(6), font.toUpperCase(Locale.ROOT).startsWith("TSS")
                ? GB18030 : StandardCharsets.ISO_8859_1);
        texts.add(content);
        String f = font.trim().toUpperCase(Locale.ROOT);
        if (!(f.equals("0") || f.endsWith(".TTF")) || content.isEmpty()) {
            return;
        }
        int x = number(args, 0);
        int y = number(args, 1);
        int rotation = number(args, 3);
        int xPoints = number(args, 4);
        int yPoints = number(args, 5);
        if (rotation != 0) {
            throw new IllegalArgumentException("TEXT rotation other than 0 not emulated");
        }
        if (xPoints < 1 || yPoints < 1 || yPoints > 1000 || xPoints > 1000) {
            throw new IllegalArgumentException("TEXT size " + xPoints + "," + yPoints + " points outside 1..1000");
        }
        if (canvas == null) {
            throw new IllegalArgumentException("TEXT before SIZE");
        }
        FontPainter.Drawn d = FontPainter.paint(content, x, y, Math.round(yPoints * dpi / 72f),
                Math.round(xPoints * dpi / 72f));
        canvas.draw(d.raster(), x, y);
        textFields.add(d.text());
    }

    /** {@code QRCODE x,y,level,cell,mode,rotation,[model,mask,]"content"}; automatic encoding, rotation 0. */
    private void qrcode(List<byte[]> args) {
        int x = number(args, 0);
        int y = number(args, 1);
        String level = string(args, 2).trim();
        int cell = number(args, 3);
        String mode = string(args, 4).trim().toUpperCase(Locale.ROOT);
        int rotation = number(args, 5);
        if (cell < 1 || cell > 10) {
            throw new IllegalArgumentException("cell width " + cell + " outside 1..10");
        }
        if (!mode.equals("A") || rotation != 0) {
            throw new IllegalArgumentException("only automatic encoding without rotation is emulated");
        }
        ErrorCorrectionLevel ecc = QrPainter.level(level.isEmpty() ? 'x' : level.charAt(0), null);
        if (ecc == null || level.length() != 1) {
            throw new IllegalArgumentException("error correction level '" + level + "' is not L, M, Q or H");
        }
        String data = new String(args.get(args.size() - 1), StandardCharsets.UTF_8);
        if (canvas == null) {
            throw new IllegalArgumentException("QRCODE before SIZE");
        }
        LabelRaster symbol = QrPainter.paint(data, ecc, cell);
        if (symbol == null) {
            throw new IllegalArgumentException("data cannot be encoded");
        }
        canvas.draw(symbol, x, y);
        symbolData.add(data);
    }

    /** {@code PUTBMP x,y,"NAME"[,bpp,contrast]}: a downloaded 1-bit BMP, its dark dots drawn in. */
    private void putbmp(List<byte[]> args) {
        int x = number(args, 0);
        int y = number(args, 1);
        String name = string(args, 2);
        if (canvas == null) {
            throw new IllegalArgumentException("PUTBMP before SIZE");
        }
        byte[] file = stored.file(name);
        if (file == null) {
            throw new IllegalArgumentException("no file " + shorten(name) + " in memory");
        }
        canvas.draw(MonochromeBmp.read(file, MAX_WIDTH_DOTS, MAX_HEIGHT_DOTS), x, y);
    }

    /**
     * {@code DMATRIX x,y,width,height,[xm,row,col,]"content"}: a Data Matrix (ECC 200) of {@code xm} dots a module
     * (without xm: the largest that fits width x height), {@code row} x {@code col} modules (0: the smallest square
     * that holds the data). The manual's form (TSPL/TSPL2 programming manual, "DMATRIX"); the edge sends it for a
     * template's Data Matrix symbol (docs/labels.md).
     */
    private void dmatrix(List<byte[]> args) {
        int x = number(args, 0);
        int y = number(args, 1);
        int w = number(args, 2);
        int h = number(args, 3);
        int xm = 0;
        if (args.size() >= 6) {
            String m = string(args, 4).trim();
            // some firmware writes the module size with an x before it ("x6")
            xm = number(List.of((m.startsWith("x") || m.startsWith("X") ? m.substring(1) : m)
                    .getBytes(StandardCharsets.ISO_8859_1)), 0);
        }
        int rows = args.size() >= 8 ? number(args, 5) : 0;
        int cols = args.size() >= 8 ? number(args, 6) : 0;
        if (canvas == null) {
            throw new IllegalArgumentException("DMATRIX before SIZE");
        }
        String data = new String(args.get(args.size() - 1), StandardCharsets.ISO_8859_1);
        if (xm <= 0) {
            LabelRaster probe = DataMatrixPainter.paint(data, 1, cols, rows, e -> { });
            if (probe == null) {
                throw new IllegalArgumentException("DMATRIX data cannot be encoded");
            }
            xm = Math.min(w / probe.width(), h / probe.height());
        }
        List<String> errors = new java.util.ArrayList<>();
        LabelRaster symbol = DataMatrixPainter.paint(data, xm, cols, rows, errors::add);
        if (symbol == null) {
            throw new IllegalArgumentException(errors.get(0));
        }
        canvas.draw(symbol, x, y);
        symbolData.add(data);
    }

    /** {@code PRINT m[,n]}: m sets of n copies of the image buffer, which stays as it is for the next PRINT. */
    private void print(List<byte[]> args) {
        long sets = number(args, 0);
        long copies = args.size() > 1 ? number(args, 1) : 1;
        if (canvas == null) {
            throw new IllegalArgumentException("PRINT before SIZE");
        }
        long n = sets * copies;
        if (n < 1 || n > MAX_COPIES) {
            throw new IllegalArgumentException(n + " labels outside 1.." + MAX_COPIES);
        }
        LabelRaster label = direction == 1 ? rotated(canvas) : canvas.copy();
        // The PRINT line is counted into rawBytes once this command returns: it belongs to this label.
        out.job(new LabelJob(label, texts, symbolData, (int) n, rawBytes + lineBytes, textFields));
        rawBytes = -lineBytes;
    }

    /** DIRECTION 1: the image comes out turned half a circle against DIRECTION 0. */
    private static LabelRaster rotated(LabelRaster r) {
        LabelRaster o = new LabelRaster(r.width(), r.height());
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                if (r.get(x, y)) {
                    o.set(r.width() - 1 - x, r.height() - 1 - y, true);
                }
            }
        }
        return o;
    }

    private static int number(List<byte[]> args, int i) {
        String s = string(args, i).trim();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + (s.length() > 12 ? s.substring(0, 12) : s) + "' is not a whole number");
        }
    }

    private static String string(List<byte[]> args, int i) {
        return new String(args.get(i), StandardCharsets.ISO_8859_1);
    }

    /**
     * Comma-separated arguments; a quoted one loses its quotes and has {@code \["]} turned back into a quote.
     * Null when a quote is not closed.
     */
    private static List<byte[]> arguments(byte[] line, int from) {
        List<byte[]> args = new ArrayList<>();
        ByteArrayOutputStream cur = new ByteArrayOutputStream();
        boolean quoted = false;
        for (int i = from; i < line.length; i++) {
            byte b = line[i];
            if (quoted) {
                if (b == '\\' && i + 3 < line.length && line[i + 1] == '[' && line[i + 2] == '"' && line[i + 3] == ']') {
                    cur.write('"');
                    i += 3;
                } else if (b == '"') {
                    quoted = false;
                } else {
                    cur.write(b);
                }
            } else if (b == '"') {
                quoted = true;
            } else if (b == ',') {
                args.add(cur.toByteArray());
                cur.reset();
            } else {
                cur.write(b);
            }
        }
        if (quoted) {
            return null;
        }
        args.add(cur.toByteArray());
        return args;
    }

    private boolean startsWith(int p, String word) {
        if (len - p < word.length()) {
            return false; // a partial word has no LF after it yet: the line path waits for more
        }
        return new String(buf, p, word.length(), StandardCharsets.ISO_8859_1).equalsIgnoreCase(word);
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
