package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.plc.PlcLink;
import io.yima.plc.PlcMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJournalTest {

    private static final class RecordingLink implements PlcLink {
        final List<String> lines = new ArrayList<>();

        @Override
        public void send(PlcMessage message) {
            lines.add(message.line());
        }
    }

    @Test
    void aReconnectingPlcGetsTheEventsAboveItsLastOne() {
        EventJournal journal = new EventJournal(100);
        journal.emit("PRINTED", "item-1", "0");
        journal.emit("OK", "item-1", "0436Z31$0");
        journal.emit("PRINTED", "item-2", "1");
        RecordingLink link = new RecordingLink();

        journal.attach(link, 1);

        assertThat(link.lines).containsExactly("OK,2,item-1,0436Z31$0", "PRINTED,3,item-2,1");
        journal.emit("REJECT", "item-2", "NO_READ");
        assertThat(link.lines).last().isEqualTo("REJECT,4,item-2,NO_READ");
    }

    @Test
    void afterAnEdgeRestartNumbersContinueAboveWhatThePlcAlreadySaw() {
        // A restarted edge has a fresh journal; the PLC saw events up to 500 from the edge before the crash.
        EventJournal journal = new EventJournal(100);
        journal.emit("CLEARED", "printer");
        journal.emit("CLEARED", "scanner");
        RecordingLink link = new RecordingLink();

        journal.attach(link, 500);

        assertThat(link.lines).containsExactly("CLEARED,501,printer", "CLEARED,502,scanner");
        journal.emit("PRINTED", "item-9", "42");
        assertThat(link.lines).last().isEqualTo("PRINTED,503,item-9,42");
        assertThat(journal.last()).isEqualTo(503);

        RecordingLink again = new RecordingLink();
        journal.attach(again, 502);
        assertThat(again.lines).containsExactly("PRINTED,503,item-9,42");
    }

    @Test
    void aHeartbeatCarriesTheLastNumberIssued() {
        EventJournal journal = new EventJournal(100);
        journal.emit("PRINTED", "item-1", "0");
        RecordingLink link = new RecordingLink();

        journal.heartbeat(link);

        assertThat(link.lines).containsExactly("HB,1");
    }
}
