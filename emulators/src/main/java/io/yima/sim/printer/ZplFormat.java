package io.yima.sim.printer;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.yima.sim.label.LabelRaster;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Interprets one format (the text between {@code ^XA} and {@code ^XZ}) and renders it into a label raster:
 * {@code ^FO ^LH ^PW ^LL ^GF ^GB ^BQ ^BX ^A ^FD ^FS ^PQ}, and the printer's memory: {@code ^DF} (store the rest of the
 * format), {@code ^XF} with {@code ^FN} (recall one and fill its numbered fields), {@code ^XG} (a graphic stored by
 * {@code ~DG}). Text fields are recorded; those with a font ({@code ^A0N,h,w}) are also drawn, in the emulator's
 * own font ({@link FontPainter}) at the field origin, {@code h} dots high, and recorded with their place. Unknown commands are counted and skipped, as a printer
 * ignores them.
 */
final class ZplFormat {
    static final int MAX_COPIES = 1000;
    private static final int MAX_DOTS = 4000;
    private static final Set<String> IGNORED = Set.of(
            "CI", "MM", "MN", "MT", "PR", "MD", "PO", "LS", "FW", "CF", "FX", "JM", "LR", "PM", "BY", "FH",
            "FB", "CC", "CT", "CD", "JU", "LT", "MU", "SZ", "PF", "FR", "FN", "SN", "SF");

    private interface DrawOp {
        void draw(LabelRaster r);
    }

    private final ParserOutput out;
    private final StoredObjects stored;
    /** ^DF: the name the rest of this format is stored under, and the commands stored. */
    private String defining;
    private final List<String> definition = new ArrayList<>();
    /** ^XF: the recalling format's ^FN data, the stored format being replayed, the current field's ^FN. */
    private java.util.Map<Integer, String> fnData = java.util.Map.of();
    private boolean recalling;
    private Integer fieldFn;
    private boolean fieldHasData;
    private boolean skipFieldData;
    private final List<DrawOp> ops = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final List<io.yima.sim.label.PrintedText> textFields = new ArrayList<>();
    /** ^A: the current field's font height and width in dots (0: no font given, the text is only recorded). */
    private int fontHeight;
    private int fontWidth;
    private final List<String> symbolData = new ArrayList<>();
    private int homeX;
    private int homeY;
    private int x;
    private int y;
    private int width = -1;
    private int length = -1;
    private int extentX;
    private int extentY;
    private int copies = 1;
    private String field;       // "QR", "DM", "TEXT" or null
    /** ^BX: dots per module, and the symbol's columns and rows (0: the smallest square that holds the data). */
    private int dmModule;
    private int dmColumns;
    private int dmRows;
    private int qrMagnification = 2;
    private ErrorCorrectionLevel qrLevel = ErrorCorrectionLevel.Q;

    private ZplFormat(ParserOutput out, StoredObjects stored) {
        this.out = out;
        this.stored = stored;
    }

    /** Interprets {@code body} (ISO-8859-1 text, bytes preserved) and hands the job to {@code out}. */
    static void interpret(String body, long rawBytes, ParserOutput out) {
        interpret(body, rawBytes, out, new StoredObjects());
    }

    /**
     * As above, with the printer's memory: {@code ^DF} stores the rest of the format instead of printing it,
     * {@code ^XF} replays a stored format (its {@code ^FN} fields filled from this format's {@code ^FN…^FD}),
     * {@code ^XG} draws a stored graphic.
     */
    static void interpret(String body, long rawBytes, ParserOutput out, StoredObjects stored) {
        ZplFormat f = new ZplFormat(out, stored);
        List<String> commands = split(body);
        if (commands.stream().anyMatch(c -> c.regionMatches(true, 0, "XF", 0, 2))) {
            f.fnData = fieldNumbers(commands);
        }
        for (String command : commands) {
            if (f.defining != null) {
                f.definition.add(command);
            } else {
                f.apply(command);
            }
        }
        f.finish(rawBytes);
    }

    /** {@code ^FNn…^FDdata}: the data this format gives the stored format's field n. */
    private static java.util.Map<Integer, String> fieldNumbers(List<String> commands) {
        java.util.Map<Integer, String> data = new java.util.HashMap<>();
        Integer n = null;
        for (String c : commands) {
            String name = c.length() < 2 ? "" : c.substring(0, 2).toUpperCase();
            if (name.equals("FN")) {
                try {
                    n = Integer.parseInt(c.substring(2).trim());
                } catch (NumberFormatException e) {
                    n = null;
                }
            } else if (name.equals("FD") && n != null) {
                data.put(n, new String(c.substring(2).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
            } else if (name.equals("FS")) {
                n = null;
            }
        }
        return data;
    }

    private static List<String> split(String body) {
        List<String> commands = new ArrayList<>();
        int start = body.indexOf('^');
        if (start > 0 && !body.substring(0, start).isBlank()) {
            commands.add("?" + body.substring(0, start));
        }
        while (start >= 0) {
            int next = body.indexOf('^', start + 1);
            commands.add(body.substring(start + 1, next < 0 ? body.length() : next));
            start = next;
        }
        return commands;
    }

    private void apply(String command) {
        if (command.length() < 2) {
            out.error("truncated command ^" + command);
            return;
        }
        String name = command.substring(0, 2).toUpperCase();
        String params = command.substring(2);
        if (name.charAt(0) == 'A' && name.charAt(1) != ' ') {
            field = "TEXT"; // ^A0N,h,w / ^A@ … : font selection starts a text field
            String[] p = params.split(",", -1);
            fontHeight = p.length > 1 && !p[1].isBlank() ? Math.max(0, clampDots(ints(p[1], 1, 0)[0])) : 0;
            fontWidth = p.length > 2 && !p[2].isBlank() ? Math.max(0, clampDots(ints(p[2], 1, 0)[0])) : 0;
            if (p.length > 0 && !p[0].isBlank() && !p[0].trim().equalsIgnoreCase("N")) {
                out.error("^A orientation other than N not emulated");
            }
            return;
        }
        switch (name) {
            case "FO", "FT" -> {
                int[] p = ints(params, 2, 0);
                x = bound(homeX + (long) p[0]);
                y = bound(homeY + (long) p[1]);
            }
            case "LH" -> {
                int[] p = ints(params, 2, 0);
                homeX = bound(p[0]);
                homeY = bound(p[1]);
            }
            case "PW" -> width = clampDots(ints(params, 1, -1)[0]);
            case "LL" -> length = clampDots(ints(params, 1, -1)[0]);
            case "PQ" -> {
                int q = ints(params, 1, 1)[0];
                if (q < 1 || q > MAX_COPIES) {
                    out.error("^PQ quantity " + q + " outside 1.." + MAX_COPIES);
                    q = Math.max(1, Math.min(q, MAX_COPIES));
                }
                copies = q;
            }
            case "GF" -> {
                ZplGraphicField g = ZplGraphicField.parse(params, out::error);
                if (g != null) {
                    int gx = x;
                    int gy = y;
                    int rows = g.bits.length / g.bytesPerRow;
                    extend(gx + g.bytesPerRow * 8, gy + rows);
                    ops.add(r -> r.drawPacked(g.bits, g.bytesPerRow, gx, gy));
                }
            }
            case "GB" -> graphicBox(params);
            case "BQ" -> {
                String[] p = params.split(",", -1);
                field = "QR";
                qrMagnification = 2;
                qrLevel = ErrorCorrectionLevel.Q;
                if (p.length > 2 && !p[2].isBlank()) {
                    int m = ints(p[2], 1, 2)[0];
                    qrMagnification = m >= 1 && m <= 10 ? m : 2;
                }
                if (p.length > 3 && !p[3].isBlank()) {
                    qrLevel = QrPainter.level(p[3].trim().charAt(0), ErrorCorrectionLevel.M);
                }
            }
            case "BX" -> dataMatrixField(params);
            case "FD" -> {
                if (!skipFieldData) {
                    fieldHasData = true;
                    fieldData(new String(params.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
                }
            }
            case "FS" -> {
                if (recalling && fieldFn != null && !fieldHasData && fnData.containsKey(fieldFn)) {
                    fieldData(fnData.get(fieldFn));
                }
                field = null;
                fieldFn = null;
                fieldHasData = false;
                skipFieldData = false;
                fontHeight = 0;
                fontWidth = 0;
            }
            case "FN" -> {
                if (recalling) {
                    fieldFn = ints(params, 1, -1)[0];
                } else {
                    skipFieldData = true; // this field's data fills the stored format's field (fieldNumbers)
                }
            }
            case "DF" -> {
                defining = params.trim().toUpperCase();
                if (defining.isEmpty()) {
                    out.error("^DF without a name");
                    defining = null;
                }
            }
            case "XF" -> recall(params.trim().toUpperCase());
            case "XG" -> storedGraphic(params);
            default -> {
                if (!IGNORED.contains(name)) {
                    out.error("unknown command ^" + name);
                }
            }
        }
    }

    private void recall(String name) {
        List<String> commands = stored.format(name);
        if (commands == null) {
            // A Zebra prints the recalling format's own fields without the stored ones.
            out.error("^XF " + name + ": no such stored format");
            return;
        }
        recalling = true;
        for (String c : commands) {
            apply(c);
        }
        recalling = false;
        field = null;
        fieldFn = null;
        fieldHasData = false;
    }

    /** {@code ^XGname,mx,my}: a stored graphic at the field origin; only magnification 1 is emulated. */
    private void storedGraphic(String params) {
        String[] p = params.split(",", -1);
        String name = p[0].trim().toUpperCase();
        StoredObjects.Graphic g = stored.graphic(name);
        if (g == null) {
            out.error("^XG " + name + ": no such stored graphic");
            return;
        }
        for (int i = 1; i < Math.min(3, p.length); i++) {
            if (!p[i].isBlank() && !p[i].trim().equals("1")) {
                out.error("^XG magnification other than 1 not emulated");
            }
        }
        int gx = x;
        int gy = y;
        extend(gx + g.bytesPerRow() * 8L, gy + (long) g.bits().length / g.bytesPerRow());
        ops.add(r -> r.drawPacked(g.bits(), g.bytesPerRow(), gx, gy));
    }

    private void fieldData(String data) {
        if ("QR".equals(field)) {
            qr(data);
        } else if ("DM".equals(field)) {
            dataMatrix(data);
        } else {
            texts.add(data);
            if ("TEXT".equals(field) && fontHeight > 0 && !data.isEmpty()) {
                FontPainter.Drawn d = FontPainter.paint(data, x, y, fontHeight, fontWidth);
                int tx = x;
                int ty = y;
                textFields.add(d.text());
                extend(tx + (long) d.raster().width(), ty + (long) d.raster().height());
                ops.add(r -> r.draw(d.raster(), tx, ty));
            }
        }
    }

    /**
     * {@code ^BXo,h,s,c,r,...}: the next field is an ECC 200 Data Matrix of {@code h} dots a module and {@code c}
     * columns by {@code r} rows (0: chosen from the data). Only orientation N and quality 200 are emulated.
     */
    private void dataMatrixField(String params) {
        String[] p = params.split(",", -1);
        if (p.length > 0 && !p[0].isBlank() && !p[0].trim().equalsIgnoreCase("N")) {
            out.error("^BX orientation other than N not emulated");
        }
        if (p.length > 2 && !p[2].isBlank() && !p[2].trim().equals("200")) {
            out.error("^BX quality other than 200 not emulated");
        }
        dmModule = p.length > 1 && !p[1].isBlank() ? ints(p[1], 1, 0)[0] : 0;
        dmColumns = p.length > 3 && !p[3].isBlank() ? ints(p[3], 1, 0)[0] : 0;
        dmRows = p.length > 4 && !p[4].isBlank() ? ints(p[4], 1, 0)[0] : 0;
        field = "DM";
    }

    private void dataMatrix(String data) {
        LabelRaster symbol = DataMatrixPainter.paint(data, dmModule, dmColumns, dmRows, out::error);
        if (symbol == null) {
            return;
        }
        symbolData.add(data);
        int dx = x;
        int dy = y;
        extend(dx + symbol.width(), dy + symbol.height());
        ops.add(r -> r.draw(symbol, dx, dy));
    }

    /** {@code ^FD<ecc><mode>,<data>}: the switches before the comma override ^BQ's level. */
    private void qr(String fd) {
        int comma = fd.indexOf(',');
        if (comma < 0 || comma > 3) {
            out.error("^BQ field data without <ecc><mode>, switches");
            return;
        }
        String switches = fd.substring(0, comma);
        String data = fd.substring(comma + 1);
        ErrorCorrectionLevel level = switches.isEmpty() ? qrLevel : QrPainter.level(switches.charAt(0), qrLevel);
        if (switches.length() > 1 && Character.toUpperCase(switches.charAt(1)) == 'M') {
            // manual input: a mode character, and for byte mode B a 4-digit byte count
            if (data.startsWith("B") && data.length() >= 5) {
                data = data.substring(5);
            } else if (!data.isEmpty()) {
                data = data.substring(1);
            }
        }
        LabelRaster symbol = QrPainter.paint(data, level, qrMagnification);
        if (symbol == null) {
            out.error("^BQ data cannot be encoded as QR");
            return;
        }
        symbolData.add(data);
        int qx = x;
        int qy = y;
        extend(qx + symbol.width(), qy + symbol.height());
        ops.add(r -> r.draw(symbol, qx, qy));
    }

    private void graphicBox(String params) {
        int[] p = ints(params, 3, 1);
        int w = bound(clampDots(p[0]));
        int h = bound(clampDots(p[1]));
        int t = Math.max(1, p[2]);
        int bx = x;
        int by = y;
        extend(bx + w, by + h);
        ops.add(r -> {
            r.fill(bx, by, w, Math.min(t, h), true);
            r.fill(bx, by + h - Math.min(t, h), w, Math.min(t, h), true);
            r.fill(bx, by, Math.min(t, w), h, true);
            r.fill(bx + w - Math.min(t, w), by, Math.min(t, w), h, true);
        });
    }

    private void finish(long rawBytes) {
        if (defining != null) {
            String refused = stored.putFormat(defining, definition);
            if (refused != null) {
                out.error("^DF " + defining + ": " + refused);
            }
            return; // a format definition prints nothing
        }
        int w = width > 0 ? width : bound(extentX);
        int h = length > 0 ? length : bound(extentY);
        if (ops.isEmpty() && texts.isEmpty()) {
            return; // an empty format prints nothing
        }
        LabelRaster raster = new LabelRaster(w, h);
        for (DrawOp op : ops) {
            op.draw(raster);
        }
        out.job(new LabelJob(raster, texts, symbolData, copies, rawBytes, textFields));
    }

    private static int bound(long v) {
        return (int) Math.max(0, Math.min(v, MAX_DOTS));
    }

    private void extend(long ex, long ey) {
        extentX = Math.max(extentX, bound(ex));
        extentY = Math.max(extentY, bound(ey));
    }

    private int clampDots(int v) {
        if (v > MAX_DOTS) {
            out.error("size " + v + " dots beyond this printer's " + MAX_DOTS);
            return MAX_DOTS;
        }
        return v;
    }

    /** The first {@code n} comma-separated integers, {@code dflt} where missing or not a number. */
    private int[] ints(String params, int n, int dflt) {
        String[] p = params.split(",", -1);
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = dflt;
            if (i < p.length && !p[i].isBlank()) {
                try {
                    v[i] = Integer.parseInt(p[i].trim());
                } catch (NumberFormatException e) {
                    out.error("parameter '" + p[i] + "' is not a number");
                }
            }
        }
        return v;
    }
}
