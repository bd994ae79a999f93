package io.yima.drivers.printer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.Inflater;

/**
 * Independent test-side reading of a {@code ^GFA} field, written from the Zebra guide's rules (docs/device-protocols.md
 * §1.4, §1.5), not from the encoder: expands RLE hex and Z64 back into raster bytes, checking the Z64 CRC.
 */
final class ZplGraphicDecoder {
    private ZplGraphicDecoder() {
    }

    /** Raster bytes of the first {@code ^GFA,c,c,d,data^FS} in a label. */
    static byte[] decodeFirstGraphic(String zpl) {
        int at = zpl.indexOf("^GFA,");
        int end = zpl.indexOf("^FS", at);
        String body = zpl.substring(at + 5, end);
        String[] p = body.split(",", 4); // take everything after the third comma as data: RLE uses ','
        int total = Integer.parseInt(p[0]);
        int bpr = Integer.parseInt(p[2]);
        String data = p[3];
        byte[] out;
        if (data.startsWith(":Z64:")) {
            String[] z = data.substring(5).split(":");
            int crc = Crc16Xmodem.of(z[0].getBytes(StandardCharsets.US_ASCII));
            if (!String.format("%04X", crc).equals(z[1])) {
                throw new AssertionError("Z64 CRC mismatch: " + z[1] + " vs " + String.format("%04X", crc));
            }
            out = inflate(Base64.getDecoder().decode(z[0]));
        } else {
            out = expandHex(data, bpr);
        }
        if (out.length != total || Integer.parseInt(p[1]) != total) {
            throw new AssertionError("graphic has " + out.length + " bytes, header says " + total);
        }
        return out;
    }

    static byte[] inflate(byte[] z) {
        try {
            Inflater inf = new Inflater();
            inf.setInput(z);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new AssertionError("truncated zlib stream");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] expandHex(String data, int bpr) {
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        StringBuilder row = new StringBuilder();
        String previous = null;
        int count = 0;
        for (char c : data.toCharArray()) {
            if (c >= 'G' && c <= 'Y') {
                count += c - 'G' + 1;
            } else if (c >= 'g' && c <= 'z') {
                count += (c - 'g' + 1) * 20;
            } else if (c == ',' || c == '!') {
                while (row.length() < bpr * 2) {
                    row.append(c == ',' ? '0' : 'F');
                }
            } else if (c == ':') {
                row.append(previous);
            } else {
                row.append(String.valueOf(c).repeat(Math.max(1, count)));
                count = 0;
            }
            if (row.length() == bpr * 2) {
                for (int i = 0; i < bpr; i++) {
                    rows.write(Integer.parseInt(row.substring(2 * i, 2 * i + 2), 16));
                }
                previous = row.toString();
                row.setLength(0);
            }
        }
        return rows.toByteArray();
    }
}
