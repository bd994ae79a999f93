package io.yima.drivers.printer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EscPosStatusParserTest {
    static PrinterStatus read(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        return PrinterProtocol.escPos().newStatusReader().offer(b, 0, b.length);
    }

    @Test
    void queryIsDleEotOneToFour() {
        assertThat(HexFormat.of().formatHex(PrinterProtocol.escPos().statusQuery())).isEqualTo("100401100402100403100404");
    }

    @Test
    void cancelQueuedIsDleDc4ClearBuffers() {
        // DLE DC4 fn=8 with its fixed key bytes 1 3 20 1 6 2 8 (docs/device-protocols.md §2.5)
        assertThat(HexFormat.of().formatHex(PrinterProtocol.escPos().cancelQueued())).isEqualTo("10140801031401060208");
    }

    @Test
    void allClearRepliesAreReady() {
        // 0x12 = the fixed bits only (bit 1 and bit 4): nothing set; §2.4 "DLE EOT 4 reply 0x12 = paper OK".
        PrinterStatus s = read("12121212");
        assertThat(s.health()).isEqualTo(Health.READY);
        assertThat(s.labelsRemaining()).isNull();
        assertThat(s.labelsQueued()).as("ESC/POS does not count its buffer").isNull();
    }

    @Test
    void paperSensorExamplesFromTheFactSheet() {
        // §2.4: 0x1E = near end (warning, still ready); 0x72 and 0x7E = paper out.
        assertThat(read("1212121E").conditions()).containsExactly(PrinterCondition.PAPER_NEAR_END);
        assertThat(read("1212121E").isReady()).isTrue();
        assertThat(read("12121272").conditions()).containsExactly(PrinterCondition.PAPER_OUT);
        assertThat(read("1212127E").conditions()).containsExactlyInAnyOrder(PrinterCondition.PAPER_OUT,
                PrinterCondition.PAPER_NEAR_END);
    }

    @Test
    void offlineCoverOpenAndErrorCauses() {
        // n=1 bit 3 offline (0x1A); n=2 bit 2 cover open (0x16); n=3 bit 3 autocutter (0x1A), bit 5 unrecoverable (0x32).
        assertThat(read("1A161A12").conditions()).containsExactlyInAnyOrder(PrinterCondition.OFFLINE,
                PrinterCondition.COVER_OPEN, PrinterCondition.CUTTER_ERROR);
        assertThat(read("12123212").conditions()).containsExactly(PrinterCondition.UNRECOVERABLE);
        assertThat(read("12125212").conditions()).containsExactly(PrinterCondition.AUTO_RECOVERABLE);
        assertThat(read("12125212").health()).isEqualTo(Health.FAULT);
    }

    @Test
    void bytesOutsideTheStatusPatternAreSkipped() {
        // 0x00, 0xFF and 0x41 do not match 0xx1xx10 (ASB or echoed data): ignored, the four real bytes still parse.
        assertThat(read("00FF12411212" + "32").conditions()).containsExactly(PrinterCondition.PAPER_OUT);
    }

    @Test
    void fewerThanFourStatusBytesIsNoStatusYet() {
        assertThat(read("121212")).isNull();
    }
}
