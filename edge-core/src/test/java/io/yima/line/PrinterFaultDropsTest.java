package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PrinterFaultDropsTest {
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(PrinterFaultDrops.class);

    @BeforeEach
    void attach() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    private static Verdict voided() {
        return new Verdict(null, "item", RejectReason.PRINTER_FAULT, VoidReason.PRINTER_FAULT);
    }

    @Test
    void oneLineOnceTheLastLabelOfTheFaultIsSettled() {
        PrinterFaultDrops drops = new PrinterFaultDrops("L1", "paper out", 12);
        for (int i = 0; i < 11; i++) {
            drops.settled(voided());
        }
        assertThat(lines.list).as("not before every label is settled").isEmpty();
        drops.settled(voided());
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "line L1 printer: paper out - 12 labels sent but not printed were voided, their items rejected"
                        + " PRINTER_FAULT");
    }

    @Test
    void labelsReadAfterAllAreCountedApart() {
        PrinterFaultDrops drops = new PrinterFaultDrops("L1", "head open", 3);
        drops.settled(voided());
        drops.settled(new Verdict(null, "item", null, null));
        drops.settled(new Verdict(null, "item", RejectReason.MISMATCH, null));
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "line L1 printer: head open - 1 label sent but not printed was voided, its item rejected PRINTER_FAULT;"
                        + " printed just before the fault, read and bound: 1; printed just before the fault, rejected"
                        + " for their read: 1 (the job report lists them)");
    }
}
