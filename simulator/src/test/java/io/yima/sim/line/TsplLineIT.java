package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.sim.plc.ItemOutcome;
import io.yima.sim.plc.PlcFrame;
import io.yima.sim.plc.ScenarioResult;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.CodeState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole line printing through a TSC printer speaking TSPL (the simulator's own TSPL emulator, which rasterises what
 * it receives): every label the printer prints decodes to a code of the job, the reconciliation balances, and a fault
 * during the job is seen in the printer's {@code <ESC>!?} status byte and handled as on ZPL: the line stops, the
 * printer is told to drop what it holds ({@code <ESC>!.}), those labels' items are rejected and never printed later,
 * and the job completes once the fault is cleared. TSPL does not count its queue, so the line runs on its
 * {@code print_rate} estimate.
 */
class TsplLineIT {
    static final int ITEMS = 400;
    static final int ROLL = 150;

    static Map<String, Object> settings(String graphic, String window) {
        return Map.of("verify", Map.of("window", window),
                "printer", Map.of("language", "tspl", "graphic", graphic, "print_rate", 200, "max_ahead", 16));
    }

    @Test
    void bitmapLabelsOverTcpAndPaperRunningOut(@TempDir Path dir) throws Exception {
        try (LiveLine line = new LiveLine(dir, ITEMS + 200, new ScannerFaults(1), settings("BITMAP", "3s"), Map.of(),
                PrinterLanguage.TSPL, false)) {
            line.printer().faults().paperOutAfter(ROLL);
            LiveLine.PlcRun run = line.run("J-TSPL-PAPER", ITEMS, 100, Map.of("symbol", "QR"));

            await().atMost(Duration.ofSeconds(30)).until(() -> !run.frames("FAULT").isEmpty());
            PlcFrame fault = run.frames("FAULT").get(0);
            assertThat(fault.field(2)).isEqualTo("printer");
            assertThat(fault.field(3)).as("the printer's reason, from its status byte").containsIgnoringCase("paper");
            assertThat(line.printer().labelsPrinted()).as("nothing prints without paper").isEqualTo(ROLL);
            // The roll change takes longer than the verify window: every code issued so far gets its verdict
            // (bound, or rejected for the labels the empty printer held) before the paper is back. Labels the printer
            // still held then must never print: by then their codes are given up on and the product has passed.
            await().atMost(Duration.ofSeconds(30)).until(() -> line.vault().jobReport("J-TSPL-PAPER").indexes()
                    .getOrDefault(CodeState.SENT, List.of()).isEmpty());
            line.printer().faults().loadPaper();
            ScenarioResult r = run.await();

            assertThat(r.faults()).filteredOn(f -> f.number() > fault.number())
                    .anyMatch(f -> f.command().equals("CLEARED") && f.field(2).equals("printer"));
            assertEveryPrintedLabelIsBoundAndNothingPrintedLate(line, r, "J-TSPL-PAPER");
            assertThat(r.items().stream().filter(i -> !"OK".equals(i.result())))
                    .as("labels dropped with the empty printer's buffer are the only losses").isNotEmpty();
            assertThat(line.printer().errors()).as("the emulator understood every byte: %s",
                    line.printer().lastError()).isZero();
        }
    }

    @Test
    void nativeQrLabelsAndTheHeadOpenedMidJob(@TempDir Path dir) throws Exception {
        try (LiveLine line = new LiveLine(dir, ITEMS + 200, new ScannerFaults(2), settings("NATIVE", "20s"), Map.of(),
                PrinterLanguage.TSPL, false)) {
            LiveLine.PlcRun run = line.run("J-TSPL-HEAD", ITEMS, 100, Map.of("symbol", "QR"));
            await().atMost(Duration.ofSeconds(60)).until(() -> line.printer().labelsPrinted() >= ROLL);
            line.printer().faults().headOpen(true);

            await().atMost(Duration.ofSeconds(30)).until(() -> !run.frames("FAULT").isEmpty());
            PlcFrame fault = run.frames("FAULT").get(0);
            assertThat(fault.field(3)).as("the printer's reason").containsIgnoringCase("head");
            long printedWhileOpen = line.printer().labelsPrinted();
            line.printer().faults().headOpen(false);
            ScenarioResult r = run.await();

            assertThat(printedWhileOpen).isLessThan(ITEMS);
            assertEveryPrintedLabelIsBoundAndNothingPrintedLate(line, r, "J-TSPL-HEAD");
            assertThat(line.printer().record().reads()).as("the printer drew each QR itself (QRCODE), one per label")
                    .hasSize((int) line.printer().labelsPrinted());
            assertThat(line.printer().errors()).as(line.printer().lastError()).isZero();
        }
    }

    @Test
    void bitmapLabelsOverASerialLine(@TempDir Path dir) throws Exception {
        try (LiveLine line = new LiveLine(dir, 300, new ScannerFaults(3), settings("BITMAP", "5s"), Map.of(),
                PrinterLanguage.TSPL, true)) {
            ScenarioResult r = line.run("J-TSPL-SERIAL", 150, 50, Map.of("symbol", "QR")).await();

            assertEveryPrintedLabelIsBoundAndNothingPrintedLate(line, r, "J-TSPL-SERIAL");
            assertThat(r.items()).as("no fault, no scanner fault: every item bound")
                    .allMatch(i -> "OK".equals(i.result()));
            assertThat(line.printer().labelsPrinted()).isEqualTo(150);
        }
    }

    /**
     * The reconciliation balances; every printed label decodes to a code of the job (no code on two labels); with a
     * scanner that reads every label, each label that came off the printer bound its item, so no label printed for
     * a code the line had already given up on.
     */
    private static void assertEveryPrintedLabelIsBoundAndNothingPrintedLate(LiveLine line, ScenarioResult r,
                                                                           String job) {
        line.assertAccounted(r, job);
        line.assertPrintedLabelsDecideItems(r, job);
        long bound = r.items().stream().map(ItemOutcome::result).filter("OK"::equals).count();
        assertThat(line.printer().labelsPrinted()).as("printed labels = bound items").isEqualTo(bound);
        assertThat(line.labelReads()).doesNotContainNull().hasSize((int) bound);
    }
}
