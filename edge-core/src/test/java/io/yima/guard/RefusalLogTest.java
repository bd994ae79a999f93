package io.yima.guard;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RefusalLogTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.yima.test.RefusalLog");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    /** A timer whose summaries run when the test says the interval is over. */
    private final List<Runnable> due = new ArrayList<>();
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1) {
        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            due.add(command);
            return null;
        }
    };

    RefusalLogTest() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
        timer.shutdownNow();
    }

    private void intervalEnds() {
        List<Runnable> now = new ArrayList<>(due);
        due.clear();
        now.forEach(Runnable::run);
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void theFirstRefusalIsLoggedAtOnceAndTheRestOfTheIntervalAsOneSummary() {
        RefusalLog log = new RefusalLog(logger, "line L1 PLC port", Duration.ofSeconds(10), timer);
        log.refused("request", "BAD_FRAME", "10.0.0.9:4000", "non-ASCII byte at column 1");
        for (int i = 0; i < 100_000; i++) {
            log.refused("request", i % 10 == 0 ? "TOO_LONG" : "BAD_FRAME", "10.0.0.9:4000", "x");
        }
        log.refused("connection", "over_cap", "10.0.0.7:5000", null);
        assertThat(messages()).containsExactly("line L1 PLC port: refused request from 10.0.0.9:4000: BAD_FRAME "
                + "(non-ASCII byte at column 1); further refusals within 10 s are summed up in one line");
        intervalEnds();
        assertThat(messages()).hasSize(2).last().isEqualTo("line L1 PLC port: refused 100001 more in the last 10 s "
                + "(1 connection over_cap, 90000 request BAD_FRAME, 10000 request TOO_LONG), the last from 10.0.0.7:5000");
    }

    @Test
    void aQuietIntervalEndsTheSummariesAndTheNextRefusalIsLoggedAtOnceAgain() {
        RefusalLog log = new RefusalLog(logger, "status port", Duration.ofSeconds(10), timer);
        log.refused("request", "404", "127.0.0.1:1", "Not Found: GET /a");
        intervalEnds(); // nothing more came: no summary, and no timer left running
        assertThat(due).isEmpty();
        log.refused("request", "401", "127.0.0.1:2", "Unauthorized: POST /api/lines/L1/pause");
        assertThat(messages()).hasSize(2).last().asString().startsWith("status port: refused request from 127.0.0.1:2: 401");
    }

    @Test
    void longPeerTextIsCutShort() {
        RefusalLog log = new RefusalLog(logger, "status port", Duration.ofSeconds(10), timer);
        log.refused("request", "404", "127.0.0.1:1", "Not Found: GET /" + "a".repeat(5000));
        assertThat(messages().get(0)).hasSizeLessThan(300);
    }
}
