package io.yima.sim.printer;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.yima.sim.label.LabelRaster;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ESC/POS as a label printer uses it: {@code ESC @}, {@code GS v 0} raster bands stacked top to bottom,
 * {@code GS ( k} QR (model, size, level, store, print), text lines, {@code GS V} cut = one finished label,
 * and the real-time {@code DLE EOT n} status request. Downloaded graphics ({@code GS ( L} functions 81, 82, 83
 * and 85) are kept in the printer's {@link StoredObjects}, lost at a power cycle and cleared by {@code ESC @} too;
 * printing one the printer does not hold prints nothing and feeds nothing (counted as an error), so the label comes
 * out short. Commands may be split anywhere; a command whose declared
 * size is beyond the cap is skipped byte for byte (counted), so memory stays bounded.
 */
final class EscPosStreamParser extends BufferedStreamParser {
    static final int MAX_RASTER_BYTES = 1 << 20;
    static final int MAX_LABEL_ROWS = 8000;
    /** A 4-inch head at 600 dpi: wider bands do not exist on real label printers. */
    static final int MAX_BYTES_PER_ROW = 300;
    static final long MAX_LABEL_DOTS = 16_000_000L;
    private static final int MAX_TEXT = 4096;

    private final ParserOutput out;
    private final List<LabelRaster> bands = new ArrayList<>();
    private int labelRows;
    private final List<String> texts = new ArrayList<>();
    private final List<String> symbolData = new ArrayList<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long rawBytes;
    private int qrModule = 3;
    private ErrorCorrectionLevel qrLevel = ErrorCorrectionLevel.L;
    private byte[] qrStored;

    private final StoredObjects stored;

    EscPosStreamParser(ParserOutput out) {
        this(out, new StoredObjects());
    }

    /** @param stored the printer's RAM for downloaded graphics, shared by its connections */
    EscPosStreamParser(ParserOutput out, StoredObjects stored) {
        this.out = out;
        this.stored = stored;
    }

    @Override
    void skipped(long n) {
        rawBytes += n;
    }

    @Override
    void parsed(int n) {
        rawBytes += n;
    }

    @Override
    int parse() {
        int p = 0;
        while (p < len && skip == 0) {
            int n = command(p);
            if (n == 0) {
                break;
            }
            p += n;
        }
        return p;
    }

    /** Size of the complete command at {@code p} after acting on it, or 0 when more bytes are needed. */
    private int command(int p) {
        int avail = len - p;
        int b = buf[p] & 0xFF;
        switch (b) {
            case 0x1B:
                return avail < 2 ? 0 : esc(p, avail);
            case 0x1D:
                return avail < 2 ? 0 : gs(p, avail);
            case 0x10:
                if (avail < 3) {
                    return 0;
                }
                if (buf[p + 1] == 0x04) {
                    int n = buf[p + 2];
                    if (n >= 1 && n <= 4) {
                        out.query(StatusQuery.values()[StatusQuery.DLE_EOT_1.ordinal() + n - 1]);
                    } else {
                        out.error("DLE EOT with n=" + n);
                    }
                    return 3;
                }
                if (buf[p + 1] == 0x14) {
                    // DLE DC4 fn=8 1 3 20 1 6 2 8: clear the buffers (docs/device-protocols.md §2.5)
                    if (buf[p + 2] != 8) {
                        out.error("DLE DC4 with fn=" + buf[p + 2]);
                        return 3;
                    }
                    if (avail < 10) {
                        return 0;
                    }
                    out.control("JA");
                    return 10;
                }
                out.error("unsupported DLE command");
                return 2;
            case 0x0A:
                endLine();
                return 1;
            default:
                if (b >= 0x20 && b != 0x7F || b >= 0x80) {
                    if (line.size() < MAX_TEXT) {
                        line.write(b);
                    }
                }
                return 1; // CR, HT and other single controls change nothing on the raster
        }
    }

    private int esc(int p, int avail) {
        int c = buf[p + 1] & 0xFF;
        switch (c) {
            case '@':
                resetLabel();
                stored.deleteImages();
                return 2;
            case '2':
                return 2;
            case 'a': case 'E': case '!': case 'd': case 'J': case '3': case 'M': case '-': case 'G': case 't':
            case 'R': case 'V': case '{': case 'c': case 'U':
                return avail < 3 ? 0 : 3;
            default:
                out.error(String.format("unknown command ESC 0x%02X", c));
                return 2;
        }
    }

    private int gs(int p, int avail) {
        int c = buf[p + 1] & 0xFF;
        switch (c) {
            case 'v':
                return rasterBand(p, avail);
            case '(':
                return functionK(p, avail);
            case 'V': {
                if (avail < 3) {
                    return 0;
                }
                int m = buf[p + 2] & 0xFF;
                int size = m == 0 || m == 1 || m == 48 || m == 49 ? 3 : 4;
                if (avail < size) {
                    return 0;
                }
                endLine();
                cut(p + size);
                return size;
            }
            case '!': case 'a': case 'B': case 'h': case 'w': case 'H': case 'f': case 'L': case 'W':
                return avail < 3 ? 0 : 3;
            default:
                out.error(String.format("unknown command GS 0x%02X", c));
                return 2;
        }
    }

    /** {@code GS v 0 m xL xH yL yH d1..dk}, k = x*y. */
    private int rasterBand(int p, int avail) {
        if (avail < 8) {
            return 0;
        }
        if (buf[p + 2] != '0') {
            out.error("GS v with function other than 0");
            return 3;
        }
        int bytesPerRow = (buf[p + 4] & 0xFF) | (buf[p + 5] & 0xFF) << 8;
        int rows = (buf[p + 6] & 0xFF) | (buf[p + 7] & 0xFF) << 8;
        long k = (long) bytesPerRow * rows;
        if (k > MAX_RASTER_BYTES || labelRows + rows > MAX_LABEL_ROWS || bytesPerRow > MAX_BYTES_PER_ROW) {
            out.error("GS v 0 band of " + k + " bytes beyond this printer's buffer, skipped");
            skip = k;
            return 8;
        }
        if (avail < 8 + k) {
            return 0;
        }
        LabelRaster band = new LabelRaster(bytesPerRow * 8, rows);
        band.drawPacked(Arrays.copyOfRange(buf, p + 8, p + 8 + (int) k), Math.max(1, bytesPerRow), 0, 0);
        addBand(band);
        return 8 + (int) k;
    }

    /** {@code GS ( k pL pH cn fn …}: only cn = 49 (QR) acts; other symbologies are skipped. */
    private int functionK(int p, int avail) {
        if (avail < 5) {
            return 0;
        }
        if (buf[p + 2] != 'k') {
            int size = 5 + ((buf[p + 3] & 0xFF) | (buf[p + 4] & 0xFF) << 8);
            if (avail < size) {
                return 0;
            }
            if (buf[p + 2] == 'L' && size > 6 && buf[p + 5] == 48) {
                graphics(p, size);
            }
            return size; // other GS ( functions: parameter block skipped
        }
        int n = (buf[p + 3] & 0xFF) | (buf[p + 4] & 0xFF) << 8;
        if (avail < 5 + n) {
            return 0;
        }
        if (n < 2 || buf[p + 5] != 0x31) {
            return 5 + n;
        }
        int fn = buf[p + 6] & 0xFF;
        switch (fn) {
            case 0x41 -> { }
            case 0x43 -> {
                int size = n >= 3 ? buf[p + 7] & 0xFF : 3;
                if (size >= 1 && size <= 16) {
                    qrModule = size;
                } else {
                    out.error("QR module size " + size + " outside 1..16");
                }
            }
            case 0x45 -> {
                int e = n >= 3 ? buf[p + 7] & 0xFF : 48;
                qrLevel = switch (e) {
                    case 48 -> ErrorCorrectionLevel.L;
                    case 49 -> ErrorCorrectionLevel.M;
                    case 50 -> ErrorCorrectionLevel.Q;
                    case 51 -> ErrorCorrectionLevel.H;
                    default -> {
                        out.error("QR error correction " + e + " invalid");
                        yield qrLevel;
                    }
                };
            }
            case 0x50 -> qrStored = n >= 3 ? Arrays.copyOfRange(buf, p + 8, p + 5 + n) : new byte[0];
            case 0x51 -> printQr();
            default -> { }
        }
        return 5 + n;
    }

    /** {@code GS ( L pL pH 48 fn ...}: the downloaded graphics functions; the NV and buffer ones are skipped. */
    private void graphics(int p, int size) {
        int fn = buf[p + 6] & 0xFF;
        switch (fn) {
            case 81 -> {
                if (size == 10 && buf[p + 7] == 'C' && buf[p + 8] == 'L' && buf[p + 9] == 'R') {
                    stored.deleteImages();
                } else {
                    out.error("GS ( L function 81 without \"CLR\"");
                }
            }
            case 83 -> defineImage(p, size);
            case 85 -> {
                if (size != 11) {
                    out.error("GS ( L function 85 of " + (size - 5) + " parameter bytes, expected 6");
                    return;
                }
                String key = key(p + 7);
                if ((buf[p + 9] & 0xFF) != 1 || (buf[p + 10] & 0xFF) != 1) {
                    out.error("downloaded graphic " + key + " printed scaled, which this emulator does not draw");
                    return;
                }
                LabelRaster image = stored.image(key);
                if (image == null) {
                    out.error("downloaded graphic " + key + " is not defined: nothing printed");
                    return;
                }
                if (labelRows + image.height() > MAX_LABEL_ROWS) {
                    out.error("label longer than " + MAX_LABEL_ROWS + " rows");
                    return;
                }
                addBand(image);
            }
            default -> { }
        }
    }

    /** Function 83: {@code a kc1 kc2 b xL xH yL yH c d1..dk}, one colour, k = int((x + 7) / 8) * y. */
    private void defineImage(int p, int size) {
        if (size < 17 || buf[p + 7] != 48) {
            out.error("GS ( L function 83 malformed");
            return;
        }
        String key = key(p + 8);
        int colours = buf[p + 10] & 0xFF;
        int x = (buf[p + 11] & 0xFF) | (buf[p + 12] & 0xFF) << 8;
        int y = (buf[p + 13] & 0xFF) | (buf[p + 14] & 0xFF) << 8;
        int c = buf[p + 15] & 0xFF;
        int bpr = (x + 7) / 8;
        if (colours != 1 || c != 49) {
            out.error("downloaded graphic " + key + " in " + colours + " colours, this printer has one");
            return;
        }
        if (x < 1 || x > 8192 || y < 1 || y > 2304 || bpr > MAX_BYTES_PER_ROW) {
            out.error("downloaded graphic " + key + " of " + x + " x " + y + " dots outside this printer's range");
            return;
        }
        if (size != 16 + bpr * y) {
            out.error("downloaded graphic " + key + " of " + x + " x " + y + " dots with " + (size - 16)
                    + " data bytes, expected " + bpr * y);
            return;
        }
        LabelRaster image = new LabelRaster(bpr * 8, y);
        image.drawPacked(Arrays.copyOfRange(buf, p + 16, p + size), bpr, 0, 0);
        String refused = stored.putImage(key, image, bpr * y);
        if (refused != null) {
            out.error("downloaded graphic " + key + " refused: " + refused);
        }
    }

    private String key(int at) {
        int kc1 = buf[at] & 0xFF;
        int kc2 = buf[at + 1] & 0xFF;
        if (kc1 < 32 || kc1 > 126 || kc2 < 32 || kc2 > 126) {
            return String.format("0x%02X%02X", kc1, kc2);
        }
        return "\"" + (char) kc1 + (char) kc2 + "\"";
    }

    private void printQr() {
        if (qrStored == null || qrStored.length == 0) {
            out.error("QR print without stored data");
            return;
        }
        String data = new String(qrStored, StandardCharsets.UTF_8);
        LabelRaster symbol = QrPainter.paint(data, qrLevel, qrModule);
        if (symbol == null) {
            out.error("QR data cannot be encoded");
            return;
        }
        if (labelRows + symbol.height() > MAX_LABEL_ROWS) {
            out.error("label longer than " + MAX_LABEL_ROWS + " rows");
            return;
        }
        symbolData.add(data);
        addBand(symbol);
    }

    private void addBand(LabelRaster band) {
        bands.add(band);
        labelRows += band.height();
    }

    private void endLine() {
        if (line.size() > 0) {
            texts.add(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
    }

    private void cut(int commandEnd) {
        if (bands.isEmpty() && texts.isEmpty()) {
            return; // cutting blank paper makes no label
        }
        int w = 0;
        for (LabelRaster b : bands) {
            w = Math.max(w, b.width());
        }
        if ((long) w * labelRows > MAX_LABEL_DOTS) {
            out.error("label of " + w + " x " + labelRows + " dots larger than the print head takes, discarded");
            bands.clear();
            texts.clear();
            symbolData.clear();
            labelRows = 0;
            rawBytes = -commandEnd;
            return;
        }
        LabelRaster label = new LabelRaster(w, labelRows);
        int y = 0;
        for (LabelRaster b : bands) {
            label.draw(b, 0, y);
            y += b.height();
        }
        out.job(new LabelJob(label, texts, symbolData, 1, rawBytes + commandEnd));
        bands.clear();
        labelRows = 0;
        texts.clear();
        symbolData.clear();
        rawBytes = -commandEnd; // bytes up to the cut belong to this label
    }

    private void resetLabel() {
        bands.clear();
        labelRows = 0;
        texts.clear();
        symbolData.clear();
        line.reset();
        qrModule = 3;
        qrLevel = ErrorCorrectionLevel.L;
        qrStored = null;
    }
}
