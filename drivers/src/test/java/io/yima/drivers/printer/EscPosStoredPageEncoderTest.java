package io.yima.drivers.printer;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.drivers.render.Raster;
import io.yima.drivers.render.page.LabelPage;
import io.yima.drivers.render.page.Mark;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes for ESC/POS stored images. Command forms as Epson's ESC/POS reference gives them (TM-T88III
 * command reference Ver. 10.01, "GS ( L / GS 8 L"): function 81 delete all downloaded graphics ({@code 1D 28 4C 05
 * 00 30 51 43 4C 52}), function 83 define downloaded graphics in raster format ({@code pL pH 30 53 30 kc1 kc2 b xL
 * xH yL yH c d...}, b = 1 colour, c = 49), function 85 print it ({@code 1D 28 4C 06 00 30 55 kc1 kc2 x y}).
 * docs/device-protocols.md §2.6.
 */
class EscPosStoredPageEncoderTest {
    /** 16 x 72 dots, three strips: a fixed box in the first, a variable F0 at row 30 in the second, the third blank. */
    static LabelPage page(String key) {
        Raster var = Raster.of(4, 1, new byte[] {(byte) 0xF0});
        return new LabelPage(16, 72, List.of(new Mark.Box(8, 1, 8, 2, 1)), key, List.of(new Mark.Graphic(0, 30, var)));
    }

    @Test
    void theFixedStripsAreDefinedOnceEqualOnesUnderOneKeyAfterDeletingAllOthers() {
        EscPosStoredPageEncoder enc = new EscPosStoredPageEncoder(256);
        LabelPage p = page("K1");
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        want.writeBytes(new byte[] {0x1B, '@', 0x1D, '(', 'L', 5, 0, 48, 81, 'C', 'L', 'R'});
        // strip 0: 16 x 24 dots, 48 data bytes; rows 1 and 2 carry the box's right byte
        want.writeBytes(new byte[] {0x1D, '(', 'L', 59, 0, 48, 83, 48, '!', '!', 1, 16, 0, 24, 0, 49});
        byte[] strip0 = new byte[48];
        strip0[3] = (byte) 0xFF;
        strip0[5] = (byte) 0xFF;
        want.writeBytes(strip0);
        // strip 1 is white (the variable mark is not in the fixed part) and strip 2 is the same: one key for both
        want.writeBytes(new byte[] {0x1D, '(', 'L', 59, 0, 48, 83, 48, '!', '"', 1, 16, 0, 24, 0, 49});
        want.writeBytes(new byte[48]);
        assertThat(enc.download(p)).isEqualTo(want.toByteArray());
        assertThat(enc.images(p)).isEqualTo(2);
    }

    @Test
    void aLabelRecallsTheStripsItsOwnMarksLeaveAloneAndSendsTheOthersAsRaster() {
        EscPosStoredPageEncoder enc = new EscPosStoredPageEncoder(256);
        byte[] r = enc.recall(page("K1"));
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        want.writeBytes(new byte[] {0x1D, '(', 'L', 6, 0, 48, 85, '!', '!', 1, 1});
        // strip 1 as raster, trimmed to its one byte column: 24 rows, row 6 is F0
        want.writeBytes(new byte[] {0x1D, 'v', '0', 0, 1, 0, 24, 0});
        byte[] rows = new byte[24];
        rows[6] = (byte) 0xF0;
        want.writeBytes(rows);
        want.writeBytes(new byte[] {0x1D, '(', 'L', 6, 0, 48, 85, '!', '"', 1, 1});
        want.writeBytes(new byte[] {0x1D, 'V', 66, 0});
        assertThat(r).as("no ESC @: it may clear the downloaded graphics").isEqualTo(want.toByteArray());
    }

    @Test
    void aNewFixedPartIsCutAgainAndAShortBandLimitMakesShorterStrips() {
        EscPosStoredPageEncoder enc = new EscPosStoredPageEncoder(16);
        LabelPage p = page("K1");
        assertThat(enc.images(p)).as("strips of 16 rows: box, white 16, white 8").isEqualTo(3);
        LabelPage q = new LabelPage(16, 72, List.of(), "K2", p.variable());
        assertThat(enc.images(q)).as("all white: 16-row strips share a key, the last 8 rows another").isEqualTo(2);
    }
}
