package io.yima.drivers.bench;

import io.yima.drivers.printer.EscPosEncoder;
import io.yima.drivers.printer.LabelEncoder;
import io.yima.drivers.printer.TsplEncoder;
import io.yima.drivers.printer.ZplEncoder;
import io.yima.drivers.render.LabelRenderer;
import io.yima.drivers.render.LabelSpec;
import io.yima.drivers.render.Symbology;
import io.yima.drivers.symbol.Microcode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Labels per second on one thread, code in → printer bytes out, for the paths the line uses, each next to the naive
 * baseline ({@link NaiveLabelPath}) in the same run. 300 dpi, 10 mm symbol, 30 × 20 mm label, 4096 distinct random
 * codes cycled so nothing is accidentally cached per code. Not a test: run it and read the numbers.
 * <pre>java -cp yima-edge.jar io.yima.drivers.bench.RenderBench [seconds-per-case]</pre>
 */
public final class RenderBench {
    static final int POOL = 4096;
    static final int ROUNDS = 5;
    private static volatile int sink;

    private RenderBench() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        SplittableRandom rnd = new SplittableRandom(42);
        Microcode[] codes = new Microcode[POOL];
        String[] urls = new String[POOL];
        String[] texts = new String[POOL];
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789*";
        for (int i = 0; i < POOL; i++) {
            StringBuilder bits = new StringBuilder(361);
            for (int j = 0; j < 361; j++) {
                bits.append(rnd.nextBoolean() ? '1' : '0');
            }
            codes[i] = Microcode.fromBits(bits);
            StringBuilder u = new StringBuilder("P.URL.CN/0V/");
            for (int j = 0; j < 16; j++) {
                u.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            urls[i] = u.toString();
            texts[i] = String.format("%09d", i);
        }
        LabelSpec micro = LabelSpec.builder().size(30, 20).dpi(300).symbol(Symbology.MICROCODE).symbolSizeMm(10).build();
        LabelSpec qr = LabelSpec.builder().size(30, 20).dpi(300).symbol(Symbology.QR).symbolSizeMm(10).build();
        LabelRenderer microRenderer = new LabelRenderer(micro);
        LabelRenderer qrRenderer = new LabelRenderer(qr);
        NaiveLabelPath naiveMicro = new NaiveLabelPath(microRenderer.dotsPerModule(), 4);
        NaiveLabelPath naiveQr = new NaiveLabelPath(qrRenderer.dotsPerModule(), 4);
        int microBpr = ((19 + 8) * microRenderer.dotsPerModule() + 7) / 8;
        int qrBpr = ((25 + 8) * qrRenderer.dotsPerModule() + 7) / 8;

        LabelEncoder z64 = new ZplEncoder(ZplEncoder.Graphic.Z64);
        LabelEncoder zplNative = new ZplEncoder(ZplEncoder.Graphic.NATIVE_QR);
        LabelEncoder escPos = new EscPosEncoder(false, 256);
        LabelEncoder zplHex = new ZplEncoder(ZplEncoder.Graphic.HEX);
        LabelEncoder zplRle = new ZplEncoder(ZplEncoder.Graphic.RLE);
        LabelEncoder escPosNative = new EscPosEncoder(true, 256);
        LabelEncoder tspl = new TsplEncoder(TsplEncoder.Graphic.BITMAP);
        LabelEncoder tsplNative = new TsplEncoder(TsplEncoder.Graphic.NATIVE_QR);

        List<String[]> rows = new ArrayList<>();
        rows.add(run("microcode -> ZPL Z64", seconds,
                i -> z64.encode(microRenderer.microcode(codes[i], texts[i])),
                i -> naiveMicro.zplZ64(naiveMicro.microcodeRaster(codes[i]), microBpr, texts[i])));
        rows.add(run("microcode -> ESC/POS raster", seconds,
                i -> escPos.encode(microRenderer.microcode(codes[i], texts[i])),
                i -> naiveMicro.escPosRaster(naiveMicro.microcodeRaster(codes[i]), microBpr, texts[i])));
        rows.add(run("QR -> ZPL native ^BQ", seconds,
                i -> zplNative.encode(qrRenderer.qr(urls[i], texts[i])),
                i -> naiveQr.zplNativeQr(urls[i], texts[i])));
        rows.add(run("QR -> ZPL Z64", seconds,
                i -> z64.encode(qrRenderer.qr(urls[i], texts[i])),
                i -> naiveQr.zplZ64(naiveQr.qrRaster(urls[i]), qrBpr, texts[i])));
        rows.add(run("microcode -> ZPL hex", seconds, i -> zplHex.encode(microRenderer.microcode(codes[i], texts[i])), null));
        rows.add(run("microcode -> ZPL RLE", seconds, i -> zplRle.encode(microRenderer.microcode(codes[i], texts[i])), null));
        rows.add(run("QR -> ESC/POS native GS ( k", seconds,
                i -> escPosNative.encode(qrRenderer.qr(urls[i], texts[i])), null));
        rows.add(run("microcode -> TSPL BITMAP", seconds,
                i -> tspl.encode(microRenderer.microcode(codes[i], texts[i])), null));
        rows.add(run("QR -> TSPL BITMAP", seconds, i -> tspl.encode(qrRenderer.qr(urls[i], texts[i])), null));
        rows.add(run("QR -> TSPL native QRCODE", seconds,
                i -> tsplNative.encode(qrRenderer.qr(urls[i], texts[i])), null));

        System.out.printf(Locale.ROOT, "%n| path (300 dpi, 10 mm, 30x20 mm label) | labels/CPU-s | labels/wall-s"
                + " | bytes/label | naive labels/CPU-s | speed-up |%n");
        System.out.printf(Locale.ROOT, "|---|---:|---:|---:|---:|---:|%n");
        for (String[] r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", (Object[]) r);
        }
    }

    private static String[] run(String name, double seconds, IntFunction<byte[]> fast, IntFunction<byte[]> naive) {
        double[] f = measure(fast, seconds);
        double[] n = naive == null ? null : measure(naive, seconds);
        String[] row = {name, String.format(Locale.ROOT, "%,.0f", f[0]), String.format(Locale.ROOT, "%,.0f", f[2]),
                String.format(Locale.ROOT, "%.0f", f[1]),
                n == null ? "-" : String.format(Locale.ROOT, "%,.0f", n[0]),
                n == null ? "-" : String.format(Locale.ROOT, "%.1fx", f[0] / n[0])};
        System.out.println(String.join("  ", row));
        return row;
    }

    /**
     * Warms up, then times {@value #ROUNDS} rounds and keeps the best. The machine is shared (2 cores, other builds
     * running), so each round is timed in this thread's CPU time: labels per CPU-second is what one core does when it
     * is ours, however busy the others keep it. Returns labels per CPU-second, per wall-second, and bytes/label.
     */
    private static double[] measure(IntFunction<byte[]> path, double seconds) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long warmEnd = System.nanoTime() + (long) (seconds / 4 * 1e9);
        int i = 0;
        while (System.nanoTime() < warmEnd) {
            sink += path.apply(i++ & (POOL - 1)).length;
        }
        double bestCpu = 0;
        double bestWall = 0;
        double bytesPerLabel = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            long cpuStart = cpu.getCurrentThreadCpuTime();
            long end = start + (long) (seconds / ROUNDS * 1e9);
            long n = 0;
            long bytes = 0;
            long now;
            do {
                for (int k = 0; k < 64; k++) {
                    bytes += path.apply(i++ & (POOL - 1)).length;
                }
                n += 64;
                now = System.nanoTime();
            } while (now < end);
            long cpuNanos = cpu.getCurrentThreadCpuTime() - cpuStart;
            sink += (int) bytes;
            bestCpu = Math.max(bestCpu, n / (cpuNanos / 1e9));
            bestWall = Math.max(bestWall, n / ((now - start) / 1e9));
            bytesPerLabel = (double) bytes / n;
        }
        return new double[] {bestCpu, bytesPerLabel, bestWall};
    }
}
