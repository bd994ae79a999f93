package io.yima.sim.line;

import static io.yima.sim.line.PlcSocket.last;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.sim.scanner.ScannerFaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What must survive an edge restart (a new daemon on the same vault file): the code an item was issued (a
 * repeated PRINT gets it again and prints nothing), and the PLC events (a PLC reconnecting with its last event
 * is replayed exactly the open job's events it missed; after CLOSE nothing is replayed).
 */
class LineRestartIT {
    static final Set<String> EVENTS = Set.of("PRINTED", "OK", "REJECT", "FAULT", "CLEARED", "CLOSED");

    static boolean isEvent(String frame) {
        return EVENTS.contains(frame.split(",")[0]);
    }

    static long number(String frame) {
        return Long.parseLong(frame.split(",")[1]);
    }

    @Test
    void aRepeatedPrintAfterARestartGetsTheCodeItWasIssuedAndPrintsNothing(@TempDir Path dir) throws Exception {
        try (LiveLine line = new LiveLine(dir, 200, new ScannerFaults(1), Map.of())) {
            String issued;
            try (PlcSocket plc = new PlcSocket(line.plcPort())) {
                plc.call("HELLO,1,1,IT");
                assertThat(last(plc.call("START,2,J-R,SKU,B,10,symbol=QR"))).isEqualTo("ACK,2,J-R");
                issued = last(plc.call("PRINT,3,item-A"));
                assertThat(issued).startsWith("ACK,3,item-A,");
                plc.readUntil(f -> f.startsWith("OK,") && f.contains(",item-A,"));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> line.labelReads().size() == 1);

            line.restartEdge();

            try (PlcSocket plc = new PlcSocket(line.plcPort())) {
                plc.call("HELLO,1,1,IT");
                assertThat(last(plc.call("START,2,J-R,SKU,B,10,symbol=QR"))).isEqualTo("ACK,2,J-R");
                assertThat(last(plc.call("PRINT,3,item-A"))).as("the same code, from the vault").isEqualTo(issued);
                assertThat(last(plc.call("PRINT,4,item-B"))).startsWith("ACK,4,item-B,");
                plc.readUntil(f -> f.startsWith("OK,") && f.contains(",item-B,"));
            }
            // item-B's label was read by the scanner, so it is in the printer's record: item-A's would be before it.
            assertThat(line.labelReads()).as("one label for item-A, one for item-B").hasSize(2).doesNotHaveDuplicates();
        }
    }

    @Test
    void aPlcReconnectingAfterARestartIsReplayedExactlyWhatItMissedAndNumbersRunOn(@TempDir Path dir)
            throws Exception {
        try (LiveLine line = new LiveLine(dir, 200, new ScannerFaults(1), Map.of())) {
            List<String> before;
            try (PlcSocket plc = new PlcSocket(line.plcPort())) {
                plc.call("HELLO,1,1,IT");
                plc.call("START,2,J-E,SKU,B,10,symbol=QR");
                for (int i = 1; i <= 3; i++) {
                    assertThat(last(plc.call("PRINT," + (2 + i) + ",item-" + i))).startsWith("ACK");
                }
                plc.readUntil(f -> f.startsWith("OK,") && f.contains(",item-3,"));
                before = plc.received().stream().filter(LineRestartIT::isEvent).toList();
            }
            assertThat(before).hasSize(6); // PRINTED and OK for each item
            long seen = number(before.get(1)); // the PLC processed two events before the edge went down

            line.restartEdge();

            try (PlcSocket plc = new PlcSocket(line.plcPort())) {
                plc.send("HELLO,1,1,IT," + seen);
                List<String> replayed = plc.call("STATUS,2").stream().filter(LineRestartIT::isEvent).toList();
                assertThat(replayed).as("exactly the events above %s", seen)
                        .containsExactlyElementsOf(before.subList(2, before.size()));

                plc.call("START,3,J-E,SKU,B,10,symbol=QR");
                plc.call("PRINT,4,item-4");
                String printed = last(plc.readUntil(f -> f.startsWith("PRINTED,") && f.contains(",item-4,")));
                assertThat(number(printed)).as("a clean restart continues the numbering without a gap")
                        .isEqualTo(number(before.get(before.size() - 1)) + 1);
            }
        }
    }

    @Test
    void afterCloseAHelloReplaysNothingOfTheClosedJob(@TempDir Path dir) throws Exception {
        try (LiveLine line = new LiveLine(dir, 200, new ScannerFaults(1), Map.of())) {
            try (PlcSocket plc = new PlcSocket(line.plcPort())) {
                plc.call("HELLO,1,1,IT");
                plc.call("START,2,J-C,SKU,B,10,symbol=QR");
                plc.call("PRINT,3,item-1");
                plc.readUntil(f -> f.startsWith("OK,") && f.contains(",item-1,"));
                List<String> close = plc.call("CLOSE,4");
                assertThat(last(close)).isEqualTo("ACK,4,J-C");
                assertThat(close).anyMatch(f -> f.startsWith("CLOSED,"));
            }
            for (String hello : List.of("HELLO,1,1,IT", "HELLO,1,1,IT,0", "HELLO,1,1,IT,1")) {
                try (PlcSocket plc = new PlcSocket(line.plcPort())) {
                    plc.send(hello);
                    // STATUS runs on the line's thread after the replay, so every replayed frame comes before it
                    List<String> frames = plc.call("STATUS,2");
                    assertThat(frames).as(hello).filteredOn(LineRestartIT::isEvent).isEmpty();
                    assertThat(last(frames)).startsWith("ACK,2,IDLE,");
                }
            }
        }
    }
}
