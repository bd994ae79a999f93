package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/**
 * The job's free-text check on its own, at the edges of each character range it refuses or calls invisible: the
 * first and last character of a range are caught, the characters just outside it are not.
 */
class JobTextBoundsTest {
    private static LineRefusal refused(String value) {
        LineRefusal r = catchThrowableOfType(LineRefusal.class, () -> JobText.check("sku", value));
        assertThat(r).as("refused: U+%04X", value.codePointAt(value.length() - 1)).isNotNull();
        assertThat(r.reason()).isEqualTo(Refusal.BAD_FIELD);
        return r;
    }

    private static void accepted(String value) {
        assertThatCode(() -> JobText.check("sku", value)).as("accepted: %s", value).doesNotThrowAnyException();
    }

    private static String cp(int codePoint) {
        return new String(Character.toChars(codePoint));
    }

    @Test
    void noValueIsLeftAlone() {
        accepted(null);
    }

    @Test
    void eachTextDirectionControlIsRefusedByItsNumberAndItsNeighboursAreNot() {
        for (int c : new int[] {0x061C, 0x200E, 0x200F, 0x202A, 0x202C, 0x202E, 0x2066, 0x2069}) {
            assertThat(refused("MILK" + cp(c) + "1L").detail()).isEqualTo(
                    "sku holds a text-direction control character (" + String.format("U+%04X", c)
                            + ") that makes it display differently from what is stored");
        }
        for (int c : new int[] {0x061B, 0x061D, 0x200D, 0x2010, 0x2029, 0x202F, 0x2065, 0x206A}) {
            accepted("MILK" + cp(c) + "1L");
        }
    }

    @Test
    void aControlCharacterIsRefusedByItsNumber() {
        assertThat(refused("SKU\u0007").detail()).isEqualTo("sku holds a control character (U+0007)");
        assertThat(refused("\u0000SKU").detail()).isEqualTo("sku holds a control character (U+0000)");
        assertThat(refused("SKU\u009F").detail()).isEqualTo("sku holds a control character (U+009F)");
    }

    @Test
    void textOfOnlyInvisibleCharactersIsRefusedWhateverTheirKind() {
        int[] invisible = {' ', 0x00A0, 0x3000, 0x200B, 0xFEFF, 0xE000, 0x0378, 0xD800, 0x115F, 0x1160, 0x3164,
                0xFFA0, 0x2800, 0x034F, 0xFE00, 0xFE0F};
        for (int c : invisible) {
            assertThat(refused(cp(c)).detail()).as("U+%04X", c).startsWith("sku has no visible character");
        }
        assertThat(refused(cp(0x115F) + " " + cp(0xFE0F)).detail()).startsWith("sku has no visible character");
    }

    @Test
    void theCharactersNextToTheInvisibleOnesAreVisible() {
        for (int c : new int[] {0x115E, 0x1161, 0x3163, 0x3165, 0xFF9F, 0xFFA1, 0x2801, 0x034E, 0x0350, 0xFE10,
                'A', 0x1F95B}) {
            accepted(cp(c));
        }
        accepted(" " + cp(0x1F95B) + " "); // one visible character outside the basic plane is enough
        accepted(cp(0x200B) + "A");
    }
}
