package io.yima.drivers.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzes the printer status parsers: Zebra {@code ~HS} (and {@code ~HQES}) replies and ESC/POS {@code DLE EOT}
 * status bytes, mutated and cut at random points, and random bytes. Valid replies built from random field values
 * must parse back to exactly the conditions they encode. Tries: jqwik's default in CI, more by
 * {@code -Djqwik.tries.default=N} (docs/fuzzing.md).
 */
class PrinterStatusFuzz {
    /** A ready ZT410's ~HS answer and a ~HQES block (docs/device-protocols.md §1.6, §1.7). */
    static final String HS = "\u0002030,0,0,1245,000,0,0,0,000,0,0,0\u0003\r\n"
            + "\u0002000,0,0,0,0,2,4,0,00000000,1,000\u0003\r\n\u00021234,0\u0003\r\n";
    static final String HQES = "\u0002\r\n  PRINTER STATUS\r\n   ERRORS:         1 00000000 00000005\r\n"
            + "   WARNINGS:       1 00000000 00000008\r\n\u0003\r\n";
    static final Pattern JAVA_NAME = Pattern.compile("[Ee]xception|java\\.|io\\.yima|[a-z]\\$[A-Z]");
    /** Far above a try's cost even on a starved machine (the first try also loads and warms the classes). */
    private static final Duration HANG = Duration.ofSeconds(60);

    @Property
    void mutatedZebraRepliesNeverThrow(@ForAll long seed, @ForAll @IntRange(min = 1, max = 80) int chunk) {
        Random r = new Random(seed);
        byte[] b = (r.nextBoolean() ? HS + HQES : HQES + HS).getBytes(StandardCharsets.ISO_8859_1);
        for (int m = r.nextInt(6); m > 0; m--) {
            b = mutate(r, b);
        }
        byte[] input = b;
        assertTimeoutPreemptively(HANG, () -> {
            for (PrinterProtocol p : List.of(PrinterProtocol.zpl(), PrinterProtocol.zplWithErrors(),
                    PrinterProtocol.escPos(), PrinterProtocol.tspl(), PrinterProtocol.tsplExtended())) {
                check(p, input, chunk);
            }
        });
    }

    @Property
    void randomBytesNeverThrow(@ForAll @Size(max = 3000) byte[] input, @ForAll @IntRange(min = 1, max = 80) int chunk) {
        assertTimeoutPreemptively(HANG, () -> {
            for (PrinterProtocol p : List.of(PrinterProtocol.zpl(), PrinterProtocol.zplWithErrors(),
                    PrinterProtocol.escPos(), PrinterProtocol.tspl(), PrinterProtocol.tsplExtended())) {
                check(p, input, chunk);
            }
        });
    }

    /** ~HS strings built from random flags and counts parse back to exactly those flags and that count. */
    @Property
    void hostStatusRoundTrips(@ForAll @Size(12) List<@IntRange(min = 0, max = 1) Integer> a,
                              @ForAll @Size(11) List<@IntRange(min = 0, max = 1) Integer> b,
                              @ForAll @IntRange(min = 0, max = 99_999_999) int remaining,
                              @ForAll @IntRange(min = 1, max = 40) int chunk) {
        String s1 = String.format("030,%d,%d,1245,000,%d,%d,%d,000,%d,%d,%d", a.get(1), a.get(2), a.get(5), a.get(6),
                a.get(7), a.get(9), a.get(10), a.get(11));
        String s2 = String.format("000,%d,%d,%d,%d,2,4,%d,%08d,1,000", b.get(1), b.get(2), b.get(3), b.get(4),
                b.get(7), remaining);
        byte[] reply = ("\u0002" + s1 + "\u0003\r\n\u0002" + s2 + "\u0003\r\n\u00021234,0\u0003\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Set<PrinterCondition> expected = EnumSet.noneOf(PrinterCondition.class);
        when(a.get(1), PrinterCondition.PAPER_OUT, expected);
        when(a.get(2), PrinterCondition.PAUSED, expected);
        when(a.get(5), PrinterCondition.BUFFER_FULL, expected);
        when(a.get(7), PrinterCondition.PARTIAL_FORMAT, expected);
        when(a.get(9), PrinterCondition.CORRUPT_RAM, expected);
        when(a.get(10), PrinterCondition.UNDER_TEMPERATURE, expected);
        when(a.get(11), PrinterCondition.OVER_TEMPERATURE, expected);
        when(b.get(2), PrinterCondition.HEAD_OPEN, expected);
        when(b.get(3), PrinterCondition.RIBBON_OUT, expected);
        when(b.get(7), PrinterCondition.LABEL_WAITING, expected);
        PrinterStatus s = feed(PrinterProtocol.zpl().newStatusReader(), reply, chunk);
        assertThat(s).isNotNull();
        assertThat(s.conditions()).isEqualTo(expected);
        assertThat(s.labelsRemaining()).isEqualTo(remaining);
    }

    /** Four DLE EOT bytes parse to the conditions of their bits, whatever non-status bytes come between them. */
    @Property
    void escPosStatusRoundTripsThroughNoise(@ForAll @Size(4) List<@IntRange(min = 0, max = 255) Integer> raw,
                                           @ForAll @Size(max = 20) List<@IntRange(min = 0, max = 255) Integer> noise,
                                           @ForAll @IntRange(min = 1, max = 8) int chunk) {
        int[] v = raw.stream().mapToInt(x -> (x & ~0x93) | 0x12).toArray(); // forced into 0xx1xx10
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 0;
        for (int i = 0; i < 4; i++) {
            while (n < noise.size() && n % 4 == i) {
                int x = noise.get(n++);
                if (!EscPosStatusParser.isStatusByte(x)) {
                    out.write(x);
                }
            }
            out.write(v[i]);
        }
        PrinterStatus s = feed(PrinterProtocol.escPos().newStatusReader(), out.toByteArray(), chunk);
        assertThat(s).isEqualTo(EscPosStatusParser.parse(v[0], v[1], v[2], v[3]));
        assertThat(s.conditions().contains(PrinterCondition.COVER_OPEN)).isEqualTo((v[1] & 0x04) != 0);
        assertThat(s.conditions().contains(PrinterCondition.PAPER_OUT)).isEqualTo((v[1] & 0x20) != 0
                || (v[3] & 0x60) != 0);
        assertThat(s.conditions().contains(PrinterCondition.OFFLINE)).isEqualTo((v[0] & 0x08) != 0);
    }

    private static void when(int flag, PrinterCondition c, Set<PrinterCondition> into) {
        if (flag != 0) {
            into.add(c);
        }
    }

    private static PrinterStatus feed(StatusReader reader, byte[] bytes, int chunk) {
        PrinterStatus s = null;
        for (int i = 0; i < bytes.length && s == null; i += chunk) {
            s = reader.offer(bytes, i, Math.min(chunk, bytes.length - i));
        }
        return s;
    }

    private static void check(PrinterProtocol p, byte[] input, int chunk) {
        StatusReader reader = p.newStatusReader();
        for (int i = 0; i < input.length; i += chunk) {
            PrinterStatus s = reader.offer(input, i, Math.min(chunk, input.length - i));
            if (s != null) {
                valid(s);
                reader = p.newStatusReader(); // as the link does: one reader per status poll
            }
        }
        PrinterStatus partial = reader.partial();
        if (partial != null) {
            valid(partial);
        }
    }

    private static void valid(PrinterStatus s) {
        assertThat(s.health()).isNotNull();
        assertThat(s.detail()).hasSizeLessThan(400).doesNotContainPattern(JAVA_NAME);
        if (s.health() == Health.FAULT) {
            assertThat(s.conditions()).anyMatch(PrinterCondition::fault);
        }
        if (s.labelsRemaining() != null) {
            assertThat(s.labelsRemaining()).isNotNegative();
        }
    }

    static byte[] mutate(Random r, byte[] f) {
        int at = r.nextInt(f.length + 1);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] special = {2, 3, '\r', '\n', ',', '0', '1', '9', ' ', '-', 'F', 'G', 0, (byte) 0xFF};
        switch (r.nextInt(5)) {
            case 0 -> {
                o.write(f, 0, at);
                o.write(special[r.nextInt(special.length)]);
                o.write(f, at, f.length - at);
            }
            case 1 -> {
                int n = Math.min(f.length - at, 1 + r.nextInt(10));
                o.write(f, 0, at);
                o.write(f, at + n, f.length - at - n);
            }
            case 2 -> { // a field grown long, past the 9-digit bound and the block bound
                o.write(f, 0, at);
                for (int k = 1 + r.nextInt(300); k > 0; k--) {
                    o.write('9');
                }
                o.write(f, at, f.length - at);
            }
            case 3 -> {
                return java.util.Arrays.copyOf(f, at);
            }
            default -> {
                byte[] c = f.clone();
                if (c.length > 0) {
                    c[Math.min(at, c.length - 1)] ^= (byte) (1 << r.nextInt(8));
                }
                return c;
            }
        }
        return o.toByteArray();
    }
}
