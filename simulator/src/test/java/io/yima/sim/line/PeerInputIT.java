package io.yima.sim.line;

import static io.yima.sim.line.PlcSocket.last;
import static org.assertj.core.api.Assertions.assertThat;

import io.yima.sim.scanner.ScannerFaults;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a confused or hostile PLC sends in START is refused before it reaches the vault, and the line stays free. */
class PeerInputIT {
    @Test
    void anUnknownApplicationAndControlCharactersAreRefusedAndAProperStartStillWorks(@TempDir Path dir)
            throws Exception {
        try (LiveLine line = new LiveLine(dir, 50, new ScannerFaults(1), Map.of());
             PlcSocket plc = new PlcSocket(line.plcPort())) {
            plc.call("HELLO,1,1,IT");
            assertThat(last(plc.call("START,2,J-P,SKU,B,10,application=42")))
                    .isEqualTo("NAK,2,BAD_FIELD,application 42 has no codes in this edge's vault");
            assertThat(last(plc.call("START,3,J-P,SKU%0A21:31:00.000 ERROR forged,B,10")))
                    .isEqualTo("NAK,3,BAD_FIELD,sku holds a control character");
            assertThat(last(plc.call("START,4,J-P,SKU,B%1B[2J,10")))
                    .isEqualTo("NAK,4,BAD_FIELD,batch holds a control character");
            assertThat(line.vault().job("J-P")).as("no job row for a refused START").isEmpty();
            assertThat(last(plc.call("START,5,J-P,SKU,B,10,symbol=QR"))).isEqualTo("ACK,5,J-P");
        }
    }
}
