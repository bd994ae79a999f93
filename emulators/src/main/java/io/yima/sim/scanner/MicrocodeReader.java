package io.yima.sim.scanner;

import io.yima.sim.label.LabelRaster;

/**
 * Reads Tencent's 19×19 microcode off a raster by geometry alone.
 *
 * <p>Locating: the matrix carries three 7×7 finder squares (top-left, top-right, bottom-left, as in the seed
 * matrix of the golden sample in docs/vault.md: a black ring, a white ring, a 3×3 black core). The reader scans rows top down
 * for the first black/white/black/white/black run of proportions 1:1:3:1:1 — the top-left finder's middle rows —
 * which gives the symbol's left edge and the cell size (the first four runs span 6 cells). The top edge is found by walking up the
 * finder's black left column. It then samples the centre of each of the 19×19 cells and accepts the result only
 * if all three finder squares are where they must be; anything else is a no-read. This does not depend on the
 * matrix having black cells on all four borders, and ignores other marks on the label (text, boxes).
 */
final class MicrocodeReader {
    static final int SIZE = 19;

    String read(LabelRaster r) {
        for (int y = 0; y < r.height(); y++) {
            int[] runs = runs(r, y);
            // runs: start, length pairs of alternating colour, first run black
            for (int i = 0; i + 9 < runs.length; i += 4) {
                String bits = tryFinder(r, y, runs, i);
                if (bits != null) {
                    return bits;
                }
            }
        }
        return null;
    }

    /** Black and white runs of row y as [start0, len0, start1, len1, …], beginning with a black run. */
    private static int[] runs(LabelRaster r, int y) {
        int[] out = new int[16];
        int n = 0;
        int x = 0;
        while (x < r.width() && !r.get(x, y)) {
            x++;
        }
        while (x < r.width()) {
            boolean colour = r.get(x, y);
            int start = x;
            while (x < r.width() && r.get(x, y) == colour) {
                x++;
            }
            if (n + 2 > out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            out[n++] = start;
            out[n++] = x - start;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private String tryFinder(LabelRaster r, int y, int[] runs, int i) {
        int b1 = runs[i + 1];
        int w1 = runs[i + 3];
        int b2 = runs[i + 5];
        int w2 = runs[i + 7];
        int b3 = runs[i + 9];
        // the last black run may merge with black data cells right of the finder, so it only has to be wide enough
        double cell = (b1 + w1 + b2 + w2) / 6.0;
        if (!near(b1, cell) || !near(w1, cell) || !near(b2, 3 * cell) || !near(w2, cell) || b3 < cell * 0.6) {
            return null;
        }
        int left = runs[i];
        int probeX = (int) (left + cell / 2);
        int top = y;
        while (top > 0 && r.get(probeX, top - 1)) {
            top--;
        }
        if (left + SIZE * cell > r.width() + 0.5 || top + SIZE * cell > r.height() + 0.5) {
            return null;
        }
        StringBuilder bits = new StringBuilder(SIZE * SIZE);
        for (int row = 0; row < SIZE; row++) {
            int sy = (int) (top + (row + 0.5) * cell);
            for (int col = 0; col < SIZE; col++) {
                int sx = (int) (left + (col + 0.5) * cell);
                bits.append(r.get(sx, sy) ? '1' : '0');
            }
        }
        return hasFinders(bits) ? bits.toString() : null;
    }

    private static boolean near(int run, double expected) {
        return Math.abs(run - expected) <= Math.max(0.5, expected * 0.4);
    }

    /** The three finder squares at their places: 7×7 ring black, next ring white, 3×3 core black. */
    private static boolean hasFinders(CharSequence bits) {
        return finderAt(bits, 0, 0) && finderAt(bits, 0, SIZE - 7) && finderAt(bits, SIZE - 7, 0);
    }

    private static boolean finderAt(CharSequence bits, int row0, int col0) {
        for (int r = 0; r < 7; r++) {
            for (int c = 0; c < 7; c++) {
                int ring = Math.min(Math.min(r, c), Math.min(6 - r, 6 - c));
                boolean black = ring != 1;
                if ((bits.charAt((row0 + r) * SIZE + col0 + c) == '1') != black) {
                    return false;
                }
            }
        }
        return true;
    }
}
