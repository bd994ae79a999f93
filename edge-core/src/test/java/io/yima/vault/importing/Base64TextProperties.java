package io.yima.vault.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.drivers.symbol.Microcode;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The hand-written hot paths of the import against their references: {@link Base64Text} against the JDK decoder,
 * {@link LineParser#pack} against cell-by-cell packing, {@link LineSplitter#newline} against a plain scan.
 */
class Base64TextProperties {

    @Property(tries = 300)
    void decodesLikeTheJdkWhateverTheWhitespaceAndChunking(@ForAll long seed,
                                                           @ForAll @IntRange(min = 0, max = 3000) int size,
                                                           @ForAll @IntRange(min = 1, max = 700) int chunk,
                                                           @ForAll @IntRange(min = 0, max = 30) int spacePercent,
                                                           @ForAll boolean dropPadding) {
        Random random = new Random(seed);
        byte[] data = new byte[size];
        random.nextBytes(data);
        String text = Base64.getEncoder().encodeToString(data);
        if (dropPadding) {
            text = text.replace("=", "");
        }
        byte[] spaced = sprinkle(text, random, spacePercent);

        assertThat(decode(spaced, chunk)).isEqualTo(Base64.getDecoder().decode(text));
    }

    @Property(tries = 300)
    void refusesWhatTheJdkRefuses(@ForAll long seed,
                                  @ForAll @IntRange(min = 1, max = 600) int size,
                                  @ForAll @IntRange(min = 1, max = 700) int chunk,
                                  @ForAll @IntRange(min = 0, max = 255) int bad) {
        Random random = new Random(seed);
        byte[] data = new byte[size];
        random.nextBytes(data);
        byte[] text = Base64.getEncoder().encode(data);
        int at = random.nextInt(text.length);
        text[at] = (byte) bad;
        boolean whitespace = bad == '\n' || bad == '\r' || bad == ' ' || bad == '\t';
        if (whitespace) {
            return; // the JDK decoder refuses whitespace that this decoder skips by design
        }
        byte[] reference;
        try {
            reference = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            reference = null;
        }
        if (reference == null) {
            assertThatThrownBy(() -> decode(text, chunk)).isInstanceOf(Base64Text.Malformed.class);
        } else {
            assertThat(decode(text, chunk)).isEqualTo(reference);
        }
    }

    @Property(tries = 200)
    void packsMatricesLikeCellByCellPacking(@ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int offset) {
        Random random = new Random(seed);
        byte[] line = new byte[offset + Microcode.CELLS + 5];
        for (int i = 0; i < Microcode.CELLS; i++) {
            line[offset + i] = (byte) (random.nextBoolean() ? '1' : '0');
        }
        byte[] expected = new byte[Microcode.PACKED_BYTES];
        for (int i = 0; i < Microcode.CELLS; i++) {
            if (line[offset + i] == '1') {
                expected[i / 8] |= (byte) (0x80 >>> (i % 8));
            }
        }
        assertThat(LineParser.pack(line, offset)).isEqualTo(expected);

        int spoiled = offset + random.nextInt(Microcode.CELLS);
        line[spoiled] = (byte) "2 \tx/".charAt(random.nextInt(5));
        assertThat(LineParser.pack(line, offset)).isNull();
    }

    @Property(tries = 300)
    void findsTheFirstLineFeed(@ForAll long seed, @ForAll @IntRange(min = 0, max = 100) int length,
                               @ForAll @IntRange(min = 0, max = 5) int feeds) {
        Random random = new Random(seed);
        byte[] b = new byte[length + 3];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (random.nextInt(255) + 1 == '\n' ? 'x' : random.nextInt(256));
            if (b[i] == '\n') {
                b[i] = 'x';
            }
        }
        for (int k = 0; k < feeds && length > 0; k++) {
            b[random.nextInt(length)] = '\n';
        }
        int from = length == 0 ? 0 : random.nextInt(length);
        int expected = from;
        while (expected < length && b[expected] != '\n') {
            expected++;
        }
        assertThat(LineSplitter.newline(b, from, length)).isEqualTo(expected);
    }

    private static byte[] sprinkle(String text, Random random, int percent) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            while (random.nextInt(100) < percent) {
                out.write("\n\r \t".charAt(random.nextInt(4)));
            }
            out.write(text.charAt(i));
        }
        return out.toByteArray();
    }

    private static byte[] decode(byte[] text, int chunk) {
        Base64Text decoder = new Base64Text();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[Base64Text.maxDecoded(chunk) + 3];
        for (int i = 0; i < text.length; i += chunk) {
            out.write(buffer, 0, decoder.decode(text, i, Math.min(text.length, i + chunk), buffer));
        }
        out.write(buffer, 0, decoder.finish(buffer, 0));
        return out.toByteArray();
    }
}
