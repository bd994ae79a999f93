package io.yima.line;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.yima.config.LineConfig.LineMode;
import io.yima.vault.CodeVault;
import io.yima.vault.JobState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The checks every START passes whichever adapter it came through: a job id another line holds, and SKU or batch
 * text nobody could read back as stored. Two whole lines on their own threads against one real vault file.
 */
class JobStartChecksTest {
    private static final long WAIT_MS = 10_000;

    @TempDir
    Path dir;
    CodeVault vault;
    ProductionLine one;
    ProductionLine two;
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    final Logger yima = (Logger) LoggerFactory.getLogger("io.yima");

    @BeforeEach
    void lines() {
        vault = LineRig.vault(dir);
        one = line(LineRig.LINE);
        two = line("line-2");
        logged.start();
        yima.addAppender(logged);
    }

    private ProductionLine line(String id) {
        ProductionLine l = new ProductionLine(LineRig.config(id, LineMode.TRIGGERED, Duration.ofHours(1)), vault, 8);
        l.start(new LineRig.RecordingOutput());
        l.printerState(DeviceState.ONLINE, null);
        return l;
    }

    @AfterEach
    void close() {
        yima.detachAppender(logged);
        one.shutdown();
        two.shutdown();
        vault.close();
    }

    private static JobOrder order(String job, String sku, String batch) {
        return new JobOrder(job, sku, batch, 10, null, null, null, null);
    }

    private static LineRefusal refusal(CompletionStage<?> stage) throws Exception {
        try {
            stage.toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(LineRefusal.class);
            return (LineRefusal) e.getCause();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aJobOpenOnAnotherLineIsRefusedInWordsAndLoggedOnceWithoutAStackTrace() throws Exception {
        one.start(LineRig.order("J1", 10)).toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);

        LineRefusal r = refusal(two.start(LineRig.order("J1", 10)));

        assertThat(r.reason()).isEqualTo(Refusal.JOB_ON_OTHER_LINE);
        assertThat(r.detail()).isEqualTo("job J1 is open on line line-1; close it there first or use another job id");
        assertThat(logged.list).filteredOn(e -> e.getFormattedMessage().contains("J1") && e.getFormattedMessage().startsWith("line line-2")).singleElement()
                .satisfies(e -> {
                    assertThat(e.getLevel()).isEqualTo(Level.WARN);
                    assertThat(e.getThrowableProxy()).isNull();
                    assertThat(e.getLoggerName()).startsWith("io.yima.line");
                });
        assertThat(logged.list).noneMatch(e -> e.getLevel() == Level.ERROR);
        assertThat(two.currentJobId()).isNull();
        assertThat(vault.job("J1").orElseThrow().line()).isEqualTo(LineRig.LINE);
        assertThat(vault.jobState("J1")).isEqualTo(JobState.OPEN);
    }

    @Test
    void aStoppedJobOnAnotherLineIsStillThatLinesJob() throws Exception {
        one.start(LineRig.order("J1", 10)).toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
        one.stop().toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);

        assertThat(refusal(two.start(LineRig.order("J1", 10))).reason()).isEqualTo(Refusal.JOB_ON_OTHER_LINE);
    }

    @Test
    void aSkuOrBatchOfOnlyInvisibleCharactersIsRefusedWithWhatIsWrong() throws Exception {
        for (String blank : new String[] {"\u200B", "\u200B\u200C\u200D", " \u3000 ", "\uFEFF", "\u2060\u00A0",
                "\u3164"}) {
            LineRefusal sku = refusal(one.start(order("J1", blank, "B7")));
            assertThat(sku.reason()).isEqualTo(Refusal.BAD_FIELD);
            assertThat(sku.detail()).startsWith("sku has no visible character");
            LineRefusal batch = refusal(one.start(order("J1", "SKU-1", blank)));
            assertThat(batch.detail()).startsWith("batch has no visible character");
        }
        assertThat(vault.job("J1")).isEmpty();
    }

    @Test
    void aSkuWithATextDirectionControlIsRefused() throws Exception {
        for (String tricky : new String[] {"MILK\u202E1L", "\u2067SKU\u2069", "SKU\u200F"}) {
            LineRefusal r = refusal(one.start(order("J1", tricky, "B7")));
            assertThat(r.reason()).isEqualTo(Refusal.BAD_FIELD);
            assertThat(r.detail()).startsWith("sku holds a text-direction control character (U+");
        }
        assertThat(vault.job("J1")).isEmpty();
    }

    @Test
    void ordinaryTextInAnyScriptIsAccepted() throws Exception {
        String job = one.start(order("J1", "牛奶 1L \u05D7\u05DC\u05D1", "批次-07"))
                .toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);

        assertThat(job).isEqualTo("J1");
        assertThat(vault.job("J1").orElseThrow().sku()).isEqualTo("牛奶 1L \u05D7\u05DC\u05D1");
    }

    /** A production date years away is a PLC's uninitialised or mistyped date word: refused on every port alike. */
    @Test
    void aProductionDateMoreThanAYearFromTodayIsRefusedAndOneWithinIsKeptWithTheJob() throws Exception {
        java.time.LocalDate today = java.time.LocalDate.now();
        LineRefusal far = refusal(one.start(new JobOrder("J-D", "S", "B", 10, null, null, null, null,
                today.plusDays(400))));
        assertThat(far.reason()).isEqualTo(Refusal.BAD_FIELD);
        assertThat(far.detail()).startsWith("date out of range (at most 366 days from today");
        assertThat(vault.job("J-D")).as("nothing opened").isEmpty();
        one.start(new JobOrder("J-D", "S", "B", 10, null, null, null, null, today.minusDays(30)))
                .toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
        assertThat(vault.job("J-D").orElseThrow().productionDate()).isEqualTo(today.minusDays(30));
    }
}
