package io.yima.drivers.printer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ZplStatusParserTest {
    // A ~HS reply laid out per the Zebra ~HS page (docs/device-protocols.md §1.6): three <STX>..<ETX><CR><LF> strings,
    // string 1 aaa,b,c,dddd,eee,f,g,h,iii,j,k,l; string 2 mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www; string 3 xxxx,y.
    static String hs(String b, String c, String f, String o, String p, String remaining) {
        return "\u0002030," + b + "," + c + ",1245,000," + f + ",0,0,000,0,0,0\u0003\r\n"
                + "\u0002001,0," + o + "," + p + ",0,2,6,0," + remaining + ",1,000\u0003\r\n"
                + "\u00021234,0\u0003\r\n";
    }

    static PrinterStatus read(PrinterProtocol protocol, String reply) {
        byte[] b = reply.getBytes(StandardCharsets.ISO_8859_1);
        StatusReader r = protocol.newStatusReader();
        PrinterStatus s = null;
        for (int i = 0; i < b.length && s == null; i++) {
            s = r.offer(b, i, 1); // byte by byte: replies arrive in arbitrary pieces
        }
        return s;
    }

    @Test
    void queryIsTildeHS() {
        assertThat(new String(PrinterProtocol.zpl().statusQuery(), StandardCharsets.US_ASCII)).isEqualTo("~HS");
    }

    @Test
    void allClearIsReadyWithLabelsRemaining() {
        PrinterStatus s = read(PrinterProtocol.zpl(), hs("0", "0", "0", "0", "0", "00000042"));
        assertThat(s.health()).isEqualTo(Health.READY);
        assertThat(s.conditions()).isEmpty();
        assertThat(s.labelsRemaining()).isEqualTo(42);
        assertThat(s.labelsQueued()).isEqualTo(42);
    }

    @Test
    void formatsInReceiveBufferIsTheFifthFieldOfStringOne() {
        // string 1 field eee (docs/device-protocols.md §1.6): 7 formats waiting, 1 label left of the batch printing
        PrinterStatus s = read(PrinterProtocol.zplWithErrors(), hs("0", "0", "0", "0", "0", "00000001")
                .replace("1245,000", "1245,007") + "\u0002\r\n  PRINTER STATUS\r\n   ERRORS:         0 00000000 00000000\r\n"
                + "   WARNINGS:       0 00000000 00000000\r\n\u0003\r\n");
        assertThat(s.formatsInBuffer()).isEqualTo(7);
        assertThat(s.labelsRemaining()).isEqualTo(1);
        assertThat(s.labelsQueued()).as("the larger counter").isEqualTo(7);
    }

    @Test
    void cancelQueuedIsTildeJA() {
        assertThat(new String(PrinterProtocol.zpl().cancelQueued(), StandardCharsets.US_ASCII)).isEqualTo("~JA");
    }

    @Test
    void eachFlagMapsToItsCondition() {
        assertThat(read(PrinterProtocol.zpl(), hs("1", "0", "0", "0", "0", "00000000")).conditions())
                .containsExactly(PrinterCondition.PAPER_OUT);
        assertThat(read(PrinterProtocol.zpl(), hs("0", "1", "0", "0", "0", "00000000")).conditions())
                .containsExactly(PrinterCondition.PAUSED);
        PrinterStatus full = read(PrinterProtocol.zpl(), hs("0", "0", "1", "0", "0", "00000000"));
        assertThat(full.conditions()).containsExactly(PrinterCondition.BUFFER_FULL);
        assertThat(full.health()).as("flow control, not a fault").isEqualTo(Health.READY);
        assertThat(read(PrinterProtocol.zpl(), hs("0", "0", "0", "1", "0", "00000000")).conditions())
                .containsExactly(PrinterCondition.HEAD_OPEN);
        PrinterStatus ribbon = read(PrinterProtocol.zpl(), hs("0", "0", "0", "0", "1", "00000000"));
        assertThat(ribbon.conditions()).containsExactly(PrinterCondition.RIBBON_OUT);
        assertThat(ribbon.health()).isEqualTo(Health.FAULT);
    }

    @Test
    void noiseBetweenStringsIsSkipped() {
        PrinterStatus s = read(PrinterProtocol.zpl(), "xx\r\n" + hs("0", "1", "0", "0", "0", "00000003"));
        assertThat(s.conditions()).containsExactly(PrinterCondition.PAUSED);
    }

    @Test
    void malformedStringsGiveUnknown() {
        PrinterStatus s = read(PrinterProtocol.zpl(), "\u0002garbage\u0003\u00021,2\u0003\u0002x\u0003");
        assertThat(s.health()).isEqualTo(Health.UNKNOWN);
        assertThat(s.detail()).isEqualTo("malformed ~HS reply");
    }

    @Test
    void partialReplyIsNotAStatus() {
        String full = hs("0", "0", "0", "0", "0", "00000000");
        StatusReader r = PrinterProtocol.zpl().newStatusReader();
        byte[] b = full.substring(0, full.length() / 2).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(r.offer(b, 0, b.length)).isNull();
        assertThat(r.partial()).isNull();
    }

    @Test
    void hqesErrorFlagsMapToConditions() {
        // ~HQES layout (§1.7): ERRORS: f group2 group1; group 1 nibble 1: 1 media out, 2 ribbon out, 4 head open.
        String block = "\u0002\r\n PRINTER STATUS\r\n ERRORS: 1 00000000 00000005\r\n WARNINGS: 0 00000000 00000000\r\n\u0003";
        PrinterStatus s = ZplStatusParser.parseErrorStatus(block);
        assertThat(s.conditions()).containsExactlyInAnyOrder(PrinterCondition.PAPER_OUT, PrinterCondition.HEAD_OPEN);
        assertThat(ZplStatusParser.parseErrorStatus(" ERRORS: 0 00000000 00000000").health()).isEqualTo(Health.READY);
    }

    @Test
    void withErrorsWaitsForBothRepliesAndTakesAnHqesFaultThatCameFirstAsTheAnswer() {
        PrinterProtocol p = PrinterProtocol.zplWithErrors();
        assertThat(new String(p.statusQuery(), StandardCharsets.US_ASCII)).isEqualTo("~HS~HQES");
        String hqes = "\u0002 PRINTER STATUS\r\n ERRORS: 1 00000000 00000004\r\n WARNINGS: 0 00000000 00000000\u0003\r\n";
        PrinterStatus both = read(p, hs("0", "1", "0", "0", "0", "00000000") + hqes);
        assertThat(both.conditions()).containsExactlyInAnyOrder(PrinterCondition.PAUSED, PrinterCondition.HEAD_OPEN);
        assertThat(both.detail()).isEqualTo("paused, head open");
        // A head-open Zebra ignores ~HS but answers ~HQES, in order: an error block before any ~HS string means
        // ~HS is not coming, so the fault is the answer now, not after the poll timeout.
        StatusReader r = p.newStatusReader();
        byte[] b = hqes.getBytes(StandardCharsets.ISO_8859_1);
        PrinterStatus alone = r.offer(b, 0, b.length);
        assertThat(alone).isNotNull();
        assertThat(alone.health()).isEqualTo(Health.FAULT);
        assertThat(alone.conditions()).containsExactly(PrinterCondition.HEAD_OPEN);
        assertThat(alone.detail()).isEqualTo("head open");
        assertThat(alone.labelsQueued()).as("no queue count without ~HS").isNull();
    }

    @Test
    void withErrorsAnHqesWithoutErrorsAloneStillWaitsForHs() {
        // No error to report: the ~HS strings (with the queue count) may still come, so the reader keeps waiting;
        // at the timeout partial() gives what it has.
        StatusReader r = PrinterProtocol.zplWithErrors().newStatusReader();
        byte[] b = "\u0002 PRINTER STATUS\r\n ERRORS: 0 00000000 00000000\r\n WARNINGS: 0 00000000 00000000\u0003\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(r.offer(b, 0, b.length)).isNull();
        assertThat(r.partial().health()).isEqualTo(Health.READY);
    }

    @Test
    void conditionsAreNamedInWordsNotEnumText() {
        PrinterStatus s = read(PrinterProtocol.zpl(), hs("1", "0", "0", "1", "0", "00000000"));
        assertThat(s.detail()).isEqualTo("paper out, head open");
    }

    @Test
    void overlongBlocksAreDroppedNotBuffered() {
        String junk = "\u0002" + "9".repeat(10_000) + "\u0003";
        PrinterStatus s = read(PrinterProtocol.zpl(), junk + hs("0", "0", "0", "0", "0", "00000001"));
        assertThat(s.health()).isEqualTo(Health.READY);
    }
}
