package io.yima.sim.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.sim.plc.PlcFrame;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerLogTest {
    private static final long MS = 1_000_000;

    @Test
    void countsOutcomesAndTimesFromTheScheduledMomentNotTheSend() {
        TriggerLog log = new TriggerLog("s-", 4);
        // item 0: sent 5 ms late (sender held up); its latency still counts from the due time
        log.sent(0, 0, 5 * MS);
        log.reply(0, PlcFrame.of("ACK", "1", "s-1", "0"), 10 * MS);
        log.event(PlcFrame.of("PRINTED", "1", "s-1", "0"), 12 * MS);
        log.event(PlcFrame.of("OK", "2", "s-1", "CODE"), 20 * MS);
        log.sent(1, 10 * MS, 10 * MS);
        log.reply(1, PlcFrame.of("NAK", "2", "BUSY"), 11 * MS);
        log.sent(2, 20 * MS, 20 * MS);
        log.reply(2, PlcFrame.of("ACK", "3", "s-3", "1"), 22 * MS);
        log.event(PlcFrame.of("PRINTED", "3", "s-3", "1"), 24 * MS);
        log.event(PlcFrame.of("REJECT", "4", "s-3", "NO_READ"), 30 * MS);
        log.sent(3, 30 * MS, 30 * MS); // never answered
        log.event(PlcFrame.of("OK", "5", "other-item", "X"), 40 * MS);
        log.event(PlcFrame.of("PRINTED", "6", "w-1", "0"), 41 * MS); // an earlier job's item, replayed

        assertThat(log.settled()).isFalse();
        TriggerLog.Summary s = log.summary();
        assertThat(s.triggers()).isEqualTo(4);
        assertThat(s.printed()).isEqualTo(2);
        assertThat(s.ok()).isEqualTo(1);
        assertThat(s.naks()).isEqualTo(Map.of("BUSY", 1));
        assertThat(s.rejects()).isEqualTo(Map.of("NO_READ", 1));
        assertThat(s.unanswered()).isEqualTo(1);
        assertThat(s.unknownEvents()).isEqualTo(2);
        assertThat(s.printToAck().count()).isEqualTo(2);
        assertThat(s.printToAck().max()).isEqualTo(10.0);
        assertThat(s.printToReply().count()).isEqualTo(3);
        assertThat(s.printToPrinted().max()).isEqualTo(12.0);
        assertThat(s.maxSendLagMs()).isEqualTo(5.0);
    }
}
