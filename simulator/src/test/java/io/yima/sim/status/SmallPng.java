package io.yima.sim.status;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Screenshots for the docs at about 40 % of their size: the dashboard uses a few flat colours, so a 256-colour
 * palette (the most used colours, 4 bits per channel, each the mean of what it stands for) keeps text and
 * colours visually the same.
 */
final class SmallPng {
    private SmallPng() {
    }

    static byte[] of(byte[] png) throws IOException {
        BufferedImage in = ImageIO.read(new ByteArrayInputStream(png));
        int w = in.getWidth();
        int h = in.getHeight();
        int[] rgb = in.getRGB(0, 0, w, h, null, 0, w);
        long[] count = new long[4096];
        long[][] sum = new long[4096][3];
        for (int p : rgb) {
            int k = bucket(p);
            count[k]++;
            sum[k][0] += (p >> 16) & 255;
            sum[k][1] += (p >> 8) & 255;
            sum[k][2] += p & 255;
        }
        Integer[] order = new Integer[4096];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Long.compare(count[b], count[a]));
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        int[] index = new int[4096];
        Arrays.fill(index, -1);
        int n = 0;
        for (int i = 0; i < order.length && n < 256 && count[order[i]] > 0; i++, n++) {
            int k = order[i];
            r[n] = (byte) (sum[k][0] / count[k]);
            g[n] = (byte) (sum[k][1] / count[k]);
            b[n] = (byte) (sum[k][2] / count[k]);
            index[k] = n;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, n, r, g, b));
        byte[] data = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i++) {
            int k = bucket(rgb[i]);
            if (index[k] < 0) {
                index[k] = nearest(rgb[i], r, g, b, n);
            }
            data[i] = (byte) index[k];
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "png", bytes);
        return bytes.toByteArray();
    }

    private static int bucket(int p) {
        return ((p >> 20) & 15) << 8 | ((p >> 12) & 15) << 4 | ((p >> 4) & 15);
    }

    private static int nearest(int p, byte[] r, byte[] g, byte[] b, int n) {
        int best = 0;
        int bestDistance = Integer.MAX_VALUE;
        for (int j = 0; j < n; j++) {
            int dr = ((p >> 16) & 255) - (r[j] & 255);
            int dg = ((p >> 8) & 255) - (g[j] & 255);
            int db = (p & 255) - (b[j] & 255);
            int d = dr * dr + dg * dg + db * db;
            if (d < bestDistance) {
                bestDistance = d;
                best = j;
            }
        }
        return best;
    }
}
