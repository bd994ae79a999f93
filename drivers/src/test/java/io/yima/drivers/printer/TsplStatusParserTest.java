package io.yima.drivers.printer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Golden samples for the TSPL status replies. The {@code <ESC>!?} values are the examples in the table of the
 * manual's {@code <ESC>!?} section ("Hex receive / printer status"); the {@code <ESC>!S} bytes are rows of the four
 * status-byte tables of its {@code <ESC>!S} section (TSPL/TSPL2 manual 2013, p. 85). docs/device-protocols.md §6.5, §6.6.
 */
class TsplStatusParserTest {
    static PrinterStatus byteReply(int b) {
        return PrinterProtocol.tspl().newStatusReader().offer(new byte[] {(byte) b}, 0, 1);
    }

    static PrinterStatus extended(String fourChars) {
        byte[] reply = ("\u0002" + fourChars + "\u0003\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return PrinterProtocol.tsplExtended().newStatusReader().offer(reply, 0, reply.length);
    }

    @Test
    void queriesAndCancelAreEscapeBangCommands() {
        assertThat(HexFormat.of().formatHex(PrinterProtocol.tspl().statusQuery())).isEqualTo("1b213f");   // <ESC>!?
        assertThat(HexFormat.of().formatHex(PrinterProtocol.tsplExtended().statusQuery())).isEqualTo("1b2153"); // <ESC>!S
        assertThat(HexFormat.of().formatHex(PrinterProtocol.tspl().cancelQueued())).isEqualTo("1b212e");  // <ESC>!.
    }

    @Test
    void statusByteTableOfTheManual() {
        // 00 normal; 01 head opened; 02 paper jam; 04 out of paper; 05 out of paper and head opened; 08 out of ribbon;
        // 0C out of ribbon and out of paper; 10 pause; 20 printing.
        assertThat(byteReply(0x00).health()).isEqualTo(Health.READY);
        assertThat(byteReply(0x00).labelsQueued()).as("TSPL does not count its buffer").isNull();
        assertThat(byteReply(0x01).conditions()).containsExactly(PrinterCondition.HEAD_OPEN);
        assertThat(byteReply(0x02).conditions()).containsExactly(PrinterCondition.PAPER_JAM);
        assertThat(byteReply(0x04).conditions()).containsExactly(PrinterCondition.PAPER_OUT);
        assertThat(byteReply(0x04).detail()).containsIgnoringCase("paper");
        assertThat(byteReply(0x05).conditions()).containsExactlyInAnyOrder(PrinterCondition.PAPER_OUT,
                PrinterCondition.HEAD_OPEN);
        assertThat(byteReply(0x08).conditions()).containsExactly(PrinterCondition.RIBBON_OUT);
        assertThat(byteReply(0x0C).conditions()).containsExactlyInAnyOrder(PrinterCondition.RIBBON_OUT,
                PrinterCondition.PAPER_OUT);
        assertThat(byteReply(0x10).conditions()).containsExactly(PrinterCondition.PAUSED);
        assertThat(byteReply(0x10).health()).isEqualTo(Health.FAULT);
        assertThat(byteReply(0x20).health()).as("printing is not a fault").isEqualTo(Health.READY);
        assertThat(byteReply(0x20).detail()).isEqualTo("printing");
        assertThat(byteReply(0x40).conditions()).containsExactly(PrinterCondition.COVER_OPEN);
    }

    @Test
    void statusByteArrivesAloneOrWithMore() {
        StatusReader r = PrinterProtocol.tspl().newStatusReader();
        assertThat(r.offer(new byte[0], 0, 0)).isNull();
        assertThat(r.offer(new byte[] {9, 4, 4}, 1, 2).conditions()).containsExactly(PrinterCondition.PAPER_OUT);
    }

    @Test
    void extendedStatusTablesOfTheManual() {
        // "@@@@": all four bytes normal.
        assertThat(extended("@@@@").health()).isEqualTo(Health.READY);
        // Byte 1 "`" pause, "E" printer error, "L" waiting to take label (a warning), "P" printing batch.
        assertThat(extended("`@@@").conditions()).containsExactly(PrinterCondition.PAUSED);
        assertThat(extended("E@@@").health()).isEqualTo(Health.FAULT);
        assertThat(extended("L@@@").conditions()).containsExactly(PrinterCondition.LABEL_WAITING);
        assertThat(extended("L@@@").health()).isEqualTo(Health.READY);
        assertThat(extended("P@@@").health()).isEqualTo(Health.READY);
        // Byte 2 "H" receive buffer full: flow control, not a fault.
        assertThat(extended("@H@@").conditions()).containsExactly(PrinterCondition.BUFFER_FULL);
        assertThat(extended("@H@@").health()).isEqualTo(Health.READY);
        // Byte 3 "A" head overheat, "H" cutter jam.
        assertThat(extended("@@A@").conditions()).containsExactly(PrinterCondition.OVER_TEMPERATURE);
        assertThat(extended("@@H@").conditions()).containsExactly(PrinterCondition.CUTTER_ERROR);
        // Byte 4 "A" paper empty, "B" paper jam, "D" ribbon empty, "`" print head open.
        assertThat(extended("@@@A").conditions()).containsExactly(PrinterCondition.PAPER_OUT);
        assertThat(extended("@@@B").conditions()).containsExactly(PrinterCondition.PAPER_JAM);
        assertThat(extended("@@@D").conditions()).containsExactly(PrinterCondition.RIBBON_OUT);
        assertThat(extended("@@@`").conditions()).containsExactly(PrinterCondition.HEAD_OPEN);
        assertThat(extended("E@@E").conditions()).containsExactlyInAnyOrder(PrinterCondition.ERROR,
                PrinterCondition.PAPER_OUT, PrinterCondition.RIBBON_OUT);
    }

    @Test
    void extendedReplyInPiecesAndGarbage() {
        StatusReader r = PrinterProtocol.tsplExtended().newStatusReader();
        byte[] reply = "xx\u0002@@@A\u0003\r\n".getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 6; i++) {
            assertThat(r.offer(reply, i, 1)).as("byte %d", i).isNull();
        }
        assertThat(r.offer(reply, 6, 2).conditions()).containsExactly(PrinterCondition.PAPER_OUT);
        assertThat(extended("@\u0001@@").health()).as("bit 6 missing").isEqualTo(Health.UNKNOWN);
        byte[] noEtx = "\u0002@@@@X".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(PrinterProtocol.tsplExtended().newStatusReader().offer(noEtx, 0, noEtx.length).health())
                .isEqualTo(Health.UNKNOWN);
    }
}
