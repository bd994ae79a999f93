package io.yima.sim.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.sim.plc.ItemOutcome;
import io.yima.sim.plc.PlcConversation;
import io.yima.sim.plc.PlcFrame;
import io.yima.sim.plc.PlcScenario;
import io.yima.sim.plc.ScenarioResult;
import io.yima.sim.scanner.ScannerFaults;
import io.yima.vault.CodeRecord;
import io.yima.vault.JobReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole line against printers that buffer and print late (docs/plc-protocol.md, "Verify against the print"):
 * a slow printer, a buffered one with a short verify window, and paper out / head open / power cycle with labels
 * in the printer's buffer. The scanner injects nothing, so the judge is the printer's own record: every label it
 * printed must be bound (0 false rejects), every item without a label rejected PRINTER_FAULT (never TIMEOUT or
 * MISMATCH), and the accounts balance. On an overloaded line a trigger that cannot be issued in time is refused
 * STALE and its item never gets a label, counted on the status page and in /metrics.
 */
class PrintSyncIT {
    @TempDir
    Path dir;

    @Test
    void aPrinterSlowerThanTheTriggersRejectsNoGoodLabel() throws Exception {
        try (LiveLine line = new LiveLine(dir, 800, new ScannerFaults(1), Map.of())) {
            line.printer().faults().printRate(12).receiveBuffer(500);
            ScenarioResult r = line.run("J-SLOW", 200, 18, Map.of("symbol", "QR")).await();

            assertNoFalseRejects(line, r, "J-SLOW");
            assertThat(r.items()).as("every item bound in the end").allMatch(i -> "OK".equals(i.result()));
            assertThat(line.printer().labelsPrinted()).isEqualTo(200);
        }
    }

    @Test
    void aBufferedPrinterWithLabelsWaitingLongerThanTheWindowRejectsNoGoodLabel() throws Exception {
        // 32 labels ahead at 20/s wait 1.6 s in the printer: longer than the 1 s window, counted from the send
        try (LiveLine line = new LiveLine(dir, 800, new ScannerFaults(1),
                Map.of("verify", Map.of("window", "1s")))) {
            line.printer().faults().printRate(20).receiveBuffer(500);
            ScenarioResult r = line.run("J-BUFFERED", 200, 25, Map.of("symbol", "QR")).await();

            assertNoFalseRejects(line, r, "J-BUFFERED");
            assertThat(r.items()).allMatch(i -> "OK".equals(i.result()));
        }
    }

    @Test
    void paperOutWithLabelsInTheBufferVoidsThemPrinterFaultAndRejectsNoGoodLabel() throws Exception {
        faultWithLabelsBuffered("J-PAPER", f -> f.paperOutAfter(0), f -> f.loadPaper());
    }

    @Test
    void headOpenWithLabelsInTheBufferVoidsThemPrinterFaultAndRejectsNoGoodLabel() throws Exception {
        faultWithLabelsBuffered("J-HEAD", f -> f.headOpen(true), f -> f.headOpen(false));
    }

    @Test
    void aPowerCycleLosingTheBufferRejectsItsItemsPrinterFaultAndNoGoodLabel() throws Exception {
        faultWithLabelsBuffered("J-POWER", f -> f.powerCycle(1000), f -> { });
    }

    private void faultWithLabelsBuffered(String job, Consumer<io.yima.sim.printer.PrinterFaults> fault,
                                         Consumer<io.yima.sim.printer.PrinterFaults> clear) throws Exception {
        try (LiveLine line = new LiveLine(dir, 900, new ScannerFaults(1), Map.of())) {
            line.printer().faults().printRate(25).receiveBuffer(500);
            LiveLine.PlcRun run = line.run(job, 300, 30, Map.of("symbol", "QR"));
            await().atMost(Duration.ofSeconds(60)).until(() -> line.printer().labelsPrinted() >= 80
                    && line.printer().formatsBuffered() >= 5);
            fault.accept(line.printer().faults());
            await().atMost(Duration.ofSeconds(20)).until(() -> run.frames("FAULT").stream()
                    .anyMatch(f -> "printer".equals(f.field(2))));
            clear.accept(line.printer().faults());
            ScenarioResult r = run.await();

            Map<String, Long> unprinted = assertNoFalseRejects(line, r, job);
            assertThat(unprinted.getOrDefault("PRINTER_FAULT", 0L))
                    .as("items whose labels were in the printer when it faulted").isPositive();
            JobReport report = line.vault().jobReport(job);
            assertThat(report.bound()).as("all the others bound").isEqualTo(r.items().size()
                    - unprinted.values().stream().mapToLong(Long::longValue).sum());
        }
    }

    /**
     * Every label the printer printed is bound; every item without a label is rejected PRINTER_FAULT; the
     * accounts balance. Returns the reasons given to the items that got no label.
     */
    private static Map<String, Long> assertNoFalseRejects(LiveLine line, ScenarioResult r, String job) {
        line.assertAccounted(r, job);
        Set<String> onLabels = new HashSet<>(line.labelReads());
        Map<String, CodeRecord> byItem = line.codesByItem(job);
        Map<String, Long> unprinted = new java.util.TreeMap<>();
        for (ItemOutcome item : r.items()) {
            CodeRecord c = byItem.get(item.item());
            String verdict = item.result() + " " + item.detail();
            if (onLabels.contains(c.url())) {
                assertThat(item.result()).as("%s: its label printed and was read, yet %s", item.item(), verdict)
                        .isEqualTo("OK");
            } else {
                assertThat(verdict).as("%s never got its label", item.item()).isEqualTo("REJECT PRINTER_FAULT");
                unprinted.merge(item.detail(), 1L, Long::sum);
            }
        }
        JobReport report = line.vault().jobReport(job);
        assertThat(report.rejectedByReason()).as("no good label timed out or mismatched")
                .doesNotContainKeys("TIMEOUT", "MISMATCH", "NO_READ");
        return unprinted;
    }

    @Test
    void onAnOverloadedLineLateTriggersAreRefusedStaleCountedAndNeverPrinted() throws Exception {
        try (LiveLine line = new LiveLine(dir, 600, new ScannerFaults(1), Map.of("plc",
                Map.of("bind", "127.0.0.1", "port", 0, "heartbeat", "2s", "trigger_deadline", "500ms")))) {
            line.printer().faults().printRate(10).receiveBuffer(500);
            PlcScenario events = new PlcScenario();
            try (PlcConversation plc = new PlcConversation("127.0.0.1", line.plcPort(), "STALE-PLC", 1000, events)) {
                plc.open(5000);
                assertThat(plc.call(5000, "START", "J-STALE", "SKU-IT", "B1", "500", "symbol=QR").command())
                        .isEqualTo("ACK");
                List<CompletableFuture<PlcFrame>> replies = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int i = 0; i < 250; i++) {
                    long wait = t0 + i * 20_000_000L - System.nanoTime(); // 50 triggers/s, 5× the printer
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    replies.add(plc.request("PRINT", "item-" + i));
                }
                Set<String> acked = new HashSet<>();
                Set<String> stale = new HashSet<>();
                for (int i = 0; i < replies.size(); i++) {
                    PlcFrame f = replies.get(i).get(30, TimeUnit.SECONDS);
                    if (f.command().equals("ACK")) {
                        acked.add("item-" + i);
                    } else if ("STALE".equals(f.field(2))) {
                        stale.add("item-" + i);
                    }
                }
                assertThat(stale).as("the line was overloaded").isNotEmpty();
                await().atMost(Duration.ofSeconds(90)).until(() -> line.printer().labelsPrinted() >= acked.size());

                // counted on the status page and in the metrics of the running daemon, before the job closes
                String metrics = get(line.statusPort(), "/metrics");
                assertThat(number(metrics, "yima_triggers_stale_total\\{line=\"L1\"} ([0-9.]+)"))
                        .isEqualTo(stale.size());
                assertThat(number(get(line.statusPort(), "/api/status"), "\"stale\":([0-9]+)"))
                        .isEqualTo(stale.size());

                await().atMost(Duration.ofSeconds(30)).until(() -> line.vault().jobReport("J-STALE").bound()
                        + line.vault().jobReport("J-STALE").rejected() >= acked.size());
                assertThat(plc.call(5000, "CLOSE").command()).isEqualTo("ACK");
                JobReport report = line.vault().jobReport("J-STALE");
                assertThat(report.printed()).as("a label for every ACK, none for a STALE").isEqualTo(acked.size());
                assertThat(report.printed()).isEqualTo(report.bound() + report.rejected() + report.voidedAfterSent());
                assertThat(report.bound()).as("0 false rejects").isEqualTo(acked.size());

                // the printer's own record: no label carries a code issued to a STALE item
                List<String> reads = line.labelReads();
                assertThat(reads).hasSize(acked.size());
                for (String read : reads) {
                    CodeRecord c = line.vault().resolveRead(read).orElseThrow();
                    assertThat(stale).as("label %s", c.index()).doesNotContain(c.itemId());
                    assertThat(acked).contains(c.itemId());
                }
                for (String item : stale) {
                    assertThat(line.vault().issuedTo("J-STALE", item)).as(item).isEmpty();
                }
            }
        }
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text.length() > 400 ? text.substring(0, 400) : text).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }
}
