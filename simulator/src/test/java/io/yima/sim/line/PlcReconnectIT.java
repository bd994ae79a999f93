package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.sim.plc.PlcFrame;
import io.yima.sim.plc.ScenarioResult;
import io.yima.sim.scanner.ScannerFaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PLC cable pulled twice mid-job: the PLC reconnects with HELLO …,last-event, the edge replays every event it
 * missed (no reject is lost), triggers whose reply was lost are repeated without printing twice, and the job
 * runs on to a balanced close.
 */
class PlcReconnectIT {
    static final int ITEMS = 1500;

    @Test
    void aReconnectingPlcGetsEveryEventItMissedAndTheJobContinues(@TempDir Path dir) throws Exception {
        try (LiveLine line = new LiveLine(dir, ITEMS + 500, new ScannerFaults(3).noReadRate(0.02), Map.of())) {
            LiveLine.PlcRun run = line.run("J-PLC", ITEMS, 200, Map.of("symbol", "QR"));
            for (int pull = 1; pull <= 2; pull++) {
                long results = pull * ITEMS / 3;
                await().atMost(Duration.ofSeconds(30)).until(() -> run.frames("OK").size()
                        + run.frames("REJECT").size() >= results);
                run.plc().pullCable();
                long reconnects = pull;
                await().atMost(Duration.ofSeconds(10)).until(() -> run.plc().reconnects() >= reconnects
                        && run.plc().connected());
            }
            PlcFrame printed = run.frames("PRINTED").get(0);
            PlcFrame again = run.plc().call(5000, "PRINT", printed.field(2));
            assertThat(again.encode()).as("a repeated trigger is answered with the code issued, nothing printed")
                    .endsWith("," + printed.field(2) + "," + printed.field(3));
            ScenarioResult r = run.await();

            assertThat(r.reconnects()).isGreaterThanOrEqualTo(2);
            line.assertAccounted(r, "J-PLC");
            assertThat(r.items()).filteredOn(i -> "REJECT".equals(i.result())).as("the no-reads reached the PLC")
                    .isNotEmpty();
            Set<Long> events = run.plc().received().stream()
                    .filter(f -> Set.of("PRINTED", "OK", "REJECT", "FAULT", "CLEARED", "CLOSED").contains(f.command()))
                    .map(PlcFrame::number).collect(Collectors.toCollection(TreeSet::new));
            long last = run.plc().lastEvent();
            assertThat(events).as("every event number up to the last, none missing across the reconnects")
                    .containsExactlyElementsOf(LongStream.rangeClosed(((TreeSet<Long>) events).first(), last)
                            .boxed().toList());
            // Device events (a FAULT from a status poll on a loaded machine) may follow CLOSED; no item event may.
            assertThat(run.plc().received().stream()
                    .filter(f -> Set.of("PRINTED", "OK", "REJECT").contains(f.command()))
                    .mapToLong(PlcFrame::number).max().orElseThrow())
                    .as("the job's last item event comes before its CLOSED").isLessThan(r.closed().number());
        }
    }
}
