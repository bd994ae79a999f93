package io.yima.sim.printer;

import io.yima.sim.label.LabelRaster;
import io.yima.sim.label.TestRasters;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.DeflaterOutputStream;

/** Hand-made ZPL, written from docs/device-protocols.md §1 (not from any encoder in this project). */
final class ZplSamples {
    private static final int[] CRC_TABLE = new int[256];

    static {
        // table-driven CRC-16/XMODEM, deliberately not the bitwise loop the emulator uses
        for (int i = 0; i < 256; i++) {
            int c = i << 8;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x8000) != 0 ? (c << 1) ^ 0x1021 : c << 1;
            }
            CRC_TABLE[i] = c & 0xFFFF;
        }
    }

    private ZplSamples() {
    }

    static int crc(String s) {
        int crc = 0;
        for (byte b : s.getBytes(StandardCharsets.US_ASCII)) {
            crc = ((crc << 8) ^ CRC_TABLE[((crc >> 8) ^ b) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }

    /** {@code ^GFA,c,c,d,:Z64:…:CRC} for the raster, as generators emit it (docs/device-protocols.md §1.5). */
    static String z64Field(LabelRaster r) {
        byte[] bits = TestRasters.pack(r);
        ByteArrayOutputStream z = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(z)) {
            out.write(bits);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        String b64 = Base64.getEncoder().encodeToString(z.toByteArray());
        int perRow = (r.width() + 7) / 8;
        return String.format("^GFA,%d,%d,%d,:Z64:%s:%04X", bits.length, bits.length, perRow, b64, crc(b64));
    }

    /** Plain hex {@code ^GFA}. */
    static String hexField(LabelRaster r) {
        byte[] bits = TestRasters.pack(r);
        int perRow = (r.width() + 7) / 8;
        return String.format("^GFA,%d,%d,%d,%s", bits.length, bits.length, perRow,
                HexFormat.of().withUpperCase().formatHex(bits));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
