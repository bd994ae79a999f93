package io.yima.drivers.printer;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class StatusParserProperties {
    @Property(tries = 500)
    void randomBytesNeverThrowFromAnyReader(@ForAll @Size(max = 2000) byte[] bytes, @ForAll @IntRange(min = 1, max = 64) int chunk) {
        for (PrinterProtocol p : new PrinterProtocol[] {PrinterProtocol.zpl(), PrinterProtocol.zplWithErrors(),
                PrinterProtocol.escPos(), PrinterProtocol.tspl(), PrinterProtocol.tsplExtended()}) {
            StatusReader r = p.newStatusReader();
            PrinterStatus s = null;
            for (int i = 0; i < bytes.length; i += chunk) {
                PrinterStatus got = r.offer(bytes, i, Math.min(chunk, bytes.length - i));
                if (got != null) {
                    s = got;
                }
            }
            PrinterStatus partial = r.partial();
            if (s != null) {
                assertThat(s.health()).isNotNull();
            }
            if (partial != null) {
                assertThat(partial.health()).isNotNull();
            }
        }
    }

    @Property(tries = 300)
    void randomTextInsideStxEtxNeverThrows(@ForAll @Size(max = 3) java.util.List<@net.jqwik.api.constraints.StringLength(max = 80) String> blocks) {
        StringBuilder sb = new StringBuilder();
        for (String b : blocks) {
            sb.append('\u0002').append(b).append('\u0003');
        }
        byte[] bytes = sb.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        PrinterStatus s = PrinterProtocol.zpl().newStatusReader().offer(bytes, 0, bytes.length);
        if (s != null) {
            assertThat(s.health()).isNotNull();
        }
    }
}
