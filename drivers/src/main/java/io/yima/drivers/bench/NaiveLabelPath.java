package io.yima.drivers.bench;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.yima.drivers.symbol.Microcode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;

/**
 * The baseline the benchmark compares against: the label path as one would first script it — draw on a
 * {@link BufferedImage}, read pixels back, format hex with {@code String.format}, compress with a stream at the default
 * level, assemble strings, nothing cached. Same output formats and sizes as the real path; used only by
 * {@link RenderBench}.
 */
final class NaiveLabelPath {
    private final int dpm;
    private final int quiet;

    NaiveLabelPath(int dotsPerModule, int quietZoneModules) {
        this.dpm = dotsPerModule;
        this.quiet = quietZoneModules;
    }

    byte[] microcodeRaster(Microcode m) {
        int side = (19 + 2 * quiet) * dpm;
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, side, side);
        g.setColor(Color.BLACK);
        for (int r = 0; r < 19; r++) {
            for (int c = 0; c < 19; c++) {
                if (m.isBlack(r, c)) {
                    g.fillRect((quiet + c) * dpm, (quiet + r) * dpm, dpm, dpm);
                }
            }
        }
        g.dispose();
        return pack(img);
    }

    byte[] qrRaster(String url) {
        try {
            int side = (25 + 2 * quiet) * dpm;
            BitMatrix bm = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, side, side, Map.of(
                    EncodeHintType.QR_VERSION, 2, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q,
                    EncodeHintType.MARGIN, quiet));
            BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    img.setRGB(x, y, bm.get(x, y) ? 0 : 0xFFFFFF);
                }
            }
            return pack(img);
        } catch (WriterException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] pack(BufferedImage img) {
        int w = img.getWidth();
        int bpr = (w + 7) / 8;
        byte[] rows = new byte[bpr * img.getHeight()];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < w; x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == 0) {
                    rows[y * bpr + x / 8] |= (byte) (0x80 >> (x % 8));
                }
            }
        }
        return rows;
    }

    byte[] zplZ64(byte[] rows, int bpr, String text) {
        try {
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            try (DeflaterOutputStream d = new DeflaterOutputStream(z)) {
                d.write(rows);
            }
            String b64 = Base64.getEncoder().encodeToString(z.toByteArray());
            int crc = 0;
            for (byte b : b64.getBytes(StandardCharsets.US_ASCII)) {
                crc ^= (b & 0xFF) << 8;
                for (int i = 0; i < 8; i++) {
                    crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
                }
            }
            String s = String.format("^XA^CI28^PW%d^LL%d^FO%d,%d^GFA,%d,%d,%d,:Z64:%s:%04X^FS^FO%d,%d^A0N,29,29^FD%s^FS^XZ",
                    354, 236, 11, 11, rows.length, rows.length, bpr, b64, crc, 11, 11 + rows.length / bpr, text);
            return s.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] zplNativeQr(String url, String text) {
        int q = quiet * dpm;
        String s = String.format("^XA^CI28^PW%d^LL%d^FO%d,%d^BQN,2,%d^FDQA,%s^FS^FO%d,%d^A0N,29,29^FD%s^FS^XZ",
                354, 236, 11 + q, 11 + q, dpm, url, 11, 11 + (25 + 2 * quiet) * dpm, text);
        return s.getBytes(StandardCharsets.UTF_8);
    }

    byte[] escPosRaster(byte[] rows, int bpr, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x1B);
        out.write('@');
        out.write(0x1B);
        out.write('J');
        out.write(11);
        int h = rows.length / bpr;
        for (int y0 = 0; y0 < h; y0 += 256) {
            int n = Math.min(256, h - y0);
            int obpr = (11 + bpr * 8 + 7) / 8;
            out.write(0x1D);
            out.write('v');
            out.write('0');
            out.write(0);
            out.write(obpr & 0xFF);
            out.write(obpr >> 8);
            out.write(n & 0xFF);
            out.write(n >> 8);
            for (int y = y0; y < y0 + n; y++) {
                byte[] row = new byte[obpr];
                for (int x = 0; x < obpr * 8; x++) {
                    int sx = x - 11;
                    if (sx >= 0 && sx < bpr * 8 && (rows[y * bpr + sx / 8] & (0x80 >> (sx % 8))) != 0) {
                        row[x / 8] |= (byte) (0x80 >> (x % 8));
                    }
                }
                out.write(row, 0, row.length);
            }
        }
        for (byte b : (text + "\n").getBytes(StandardCharsets.UTF_8)) {
            out.write(b);
        }
        out.write(0x1D);
        out.write('V');
        out.write(66);
        out.write(0);
        return out.toByteArray();
    }
}
