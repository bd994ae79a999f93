package io.yima.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.yima.line.LineEvent;
import io.yima.line.RejectReason;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RejectLogTest {
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.yima.line.rejects");
    private final AtomicLong now = new AtomicLong(1_000);

    @BeforeEach
    void attach() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    private static LineEvent.ItemRejected reject(int n, RejectReason reason) {
        return new LineEvent.ItemRejected(n, "item-" + n, reason, -1);
    }

    @Test
    void eachRejectIsOneLineWithItsReasonInWords() {
        RejectLog log = new RejectLog("L1", now::get);
        log.on(reject(1, RejectReason.NO_READ));
        log.on(new LineEvent.ItemBound(2, "item-2", "code", -1));
        log.on(reject(3, RejectReason.DUPLICATE));
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "line L1: item item-1 rejected NO_READ: the scanner could not read the label",
                "line L1: item item-3 rejected DUPLICATE: the code read was already bound to another item");
    }

    @Test
    void itemsRejectedAtAPrinterFaultAreLeftToTheFaultsOneLine() {
        RejectLog log = new RejectLog("L1", now::get);
        for (int i = 1; i <= 30; i++) {
            log.on(reject(i, RejectReason.PRINTER_FAULT));
        }
        log.on(reject(31, RejectReason.NO_READ));
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "line L1: item item-31 rejected NO_READ: the scanner could not read the label");
    }

    @Test
    void aFloodIsCappedPerWindowAndSummarisedWhenTheWindowEnds() {
        RejectLog log = new RejectLog("L1", now::get);
        for (int i = 1; i <= 100; i++) {
            log.on(reject(i, RejectReason.TIMEOUT));
        }
        assertThat(lines.list).hasSize(RejectLog.PER_WINDOW);
        now.addAndGet(RejectLog.WINDOW_NANOS - 1);
        log.on(reject(101, RejectReason.TIMEOUT));
        assertThat(lines.list).hasSize(RejectLog.PER_WINDOW);
        now.addAndGet(1);
        log.on(reject(102, RejectReason.MISMATCH));
        assertThat(lines.list).hasSize(RejectLog.PER_WINDOW + 2);
        assertThat(lines.list.get(RejectLog.PER_WINDOW).getFormattedMessage())
                .isEqualTo("line L1: 81 more rejects in the last 10 s were not logged one by one "
                        + "(the job report lists each)");
        assertThat(lines.list.get(RejectLog.PER_WINDOW + 1).getFormattedMessage()).contains("item-102 rejected MISMATCH");
    }

    @Test
    void everyReasonHasWords() {
        for (RejectReason r : RejectReason.values()) {
            assertThat(RejectLog.words(r)).isNotBlank().doesNotContain("_");
        }
    }
}
