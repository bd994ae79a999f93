package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.yima.sim.plc.ItemOutcome;
import io.yima.sim.plc.ScenarioResult;
import io.yima.sim.scanner.ScannerFaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The roll runs out in the middle of a 30 items/s job: the edge hears it from the printer's own status while labels
 * are in flight (the busy status poll, and ~HQES answered while ~HS is silent), so only the labels sent in that
 * moment go into the empty printer. They are voided and their items rejected PRINTER_FAULT, explained by one log
 * line for the fault, not one per item; nothing is printed twice, and the job completes after a new roll.
 *
 * <p>The bound is a count, not a time: before, the fault was heard after the status timeout (3 s), by when the
 * line had filled the whole send-ahead window ({@code max_ahead} 32 labels) into the empty printer. Heard within
 * a quarter second at 30 items/s that is about 8 labels; the bound leaves room for a loaded test machine.
 */
class PaperOutMidJobIT {
    static final int ITEMS = 300;
    static final int ROLL = 120;
    static final double RATE = 30;
    /** Half the default send-ahead window: the old 3 s detection voided the whole window (~32). */
    static final int MAX_VOIDED = 16;

    @Test
    void paperOutAtThirtyItemsPerSecondVoidsFewLabelsAndLogsOneLine(@TempDir Path dir) throws Exception {
        ListAppender<ILoggingEvent> faultLines = attach("io.yima.line.PrinterFaultDrops");
        ListAppender<ILoggingEvent> rejectLines = attach("io.yima.line.rejects");
        try (LiveLine line = new LiveLine(dir, ITEMS + 200, new ScannerFaults(1),
                Map.of("verify", Map.of("window", "3s")))) {
            line.printer().faults().paperOutAfter(ROLL);
            LiveLine.PlcRun run = line.run("J-PAPER30", ITEMS, RATE, Map.of("symbol", "QR"));

            await().atMost(Duration.ofSeconds(60)).until(() -> !run.frames("FAULT").isEmpty());
            assertThat(run.frames("FAULT").get(0).field(3)).as("the printer's reason in words")
                    .contains("paper out").doesNotContain("[", "_");
            assertThat(line.printer().labelsPrinted()).as("nothing prints without paper").isEqualTo(ROLL);
            line.printer().faults().loadPaper();
            ScenarioResult r = run.await();

            line.assertAccounted(r, "J-PAPER30"); // among others: no code on two labels
            line.assertPrintedLabelsDecideItems(r, "J-PAPER30");
            List<ItemOutcome> voided = r.items().stream().filter(i -> "PRINTER_FAULT".equals(i.detail())).toList();
            assertThat(r.items()).as("bound, or dropped with the empty printer's buffer")
                    .allMatch(i -> "OK".equals(i.result()) || "PRINTER_FAULT".equals(i.detail()));
            assertThat(voided).as("labels sent into the empty printer before the edge heard of it").isNotEmpty()
                    .hasSizeLessThanOrEqualTo(MAX_VOIDED);
            assertThat(line.printer().labelsPrinted()).as("each bound item's label printed once, nothing else")
                    .isEqualTo(r.items().stream().filter(i -> "OK".equals(i.result())).count());

            await().atMost(Duration.ofSeconds(10)).until(() -> !faultLines.list.isEmpty());
            // one line for the fault (labels that had printed just before it and were read are added to it)
            assertThat(faultLines.list).hasSize(1);
            assertThat(faultLines.list.get(0).getFormattedMessage()).startsWith("line L1 printer: paper out - "
                    + voided.size() + (voided.size() == 1 ? " label sent but not printed was voided, its item"
                    : " labels sent but not printed were voided, their items") + " rejected PRINTER_FAULT");
            assertThat(rejectLines.list).extracting(ILoggingEvent::getFormattedMessage)
                    .noneMatch(m -> m.contains("PRINTER_FAULT"));
        } finally {
            detach("io.yima.line.PrinterFaultDrops", faultLines);
            detach("io.yima.line.rejects", rejectLines);
        }
    }

    private static ListAppender<ILoggingEvent> attach(String logger) {
        ListAppender<ILoggingEvent> a = new ListAppender<>();
        a.start();
        ((Logger) LoggerFactory.getLogger(logger)).addAppender(a);
        return a;
    }

    private static void detach(String logger, ListAppender<ILoggingEvent> a) {
        ((Logger) LoggerFactory.getLogger(logger)).detachAppender(a);
    }
}
