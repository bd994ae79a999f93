package io.yima.drivers.symbol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class MicrocodeTest {
    // The guide's own example matrix for code 0436Z31$0, index 0 (the golden sample in docs/vault.md).
    static final String SEED = "1111111111111111111100000110101100000110111010000010111011011101011101011101101110100100101110110000011011110000011111111110111111111110001100000110001100101110111100010010100000011110100010100101110010101010111000110100100010101111111100101001100100000111001111101010111010101110111111011101000110101110101110101011100100110000011011001111111111111100101000101";

    @Test
    void seedMatrixPacksInto46BytesRowMajorMsbFirst() {
        Microcode m = Microcode.fromBits(SEED);
        byte[] p = m.packed();
        assertThat(p).hasSize(46);
        assertThat(p[0] & 0xFF).isEqualTo(0xFF); // first 8 cells of row 0 are black
        assertThat(m.isBlack(0, 18)).isEqualTo(SEED.charAt(18) == '1');
        assertThat(m.isBlack(1, 0)).isEqualTo(SEED.charAt(19) == '1');
        assertThat(m.isBlack(18, 18)).isEqualTo(SEED.charAt(360) == '1');
        assertThat(m.bits()).isEqualTo(SEED);
    }

    @Test
    void wrongLengthNamesTheCount() {
        assertThatThrownBy(() -> Microcode.fromBits(SEED.substring(1)))
                .hasMessage("matrix has 360 characters, expected 361");
    }

    @Test
    void foreignCharacterNamesItsPosition() {
        String bad = SEED.substring(0, 9) + "2" + SEED.substring(10);
        assertThatThrownBy(() -> Microcode.fromBits(bad)).hasMessage("matrix has '2' at position 10, expected 0 or 1");
    }

    @Property
    void packingRoundTrips(@ForAll @StringLength(361) @CharRange(from = '0', to = '1') String bits) {
        Microcode m = Microcode.fromBits(bits);
        assertThat(Microcode.fromPacked(m.packed())).isEqualTo(m);
        assertThat(m.bits()).isEqualTo(bits);
    }
}
