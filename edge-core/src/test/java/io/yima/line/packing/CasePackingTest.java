package io.yima.line.packing;

import static io.yima.line.Stages.done;
import static io.yima.line.Stages.refusal;
import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.config.LineConfig;
import io.yima.config.LineConfig.LineMode;
import io.yima.line.CaseRejectReason;
import io.yima.line.DeviceState;
import io.yima.line.JobOrder;
import io.yima.line.LabelOutput;
import io.yima.line.LineEvent;
import io.yima.line.PackingCounts;
import io.yima.line.ProductionLine;
import io.yima.line.Refusal;
import io.yima.vault.CodeVault;
import io.yima.vault.PackLevel;
import io.yima.vault.PackState;
import io.yima.vault.PackUnit;
import io.yima.vault.PackingFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Case packing on its own line: a real {@link ProductionLine} on its own thread, a real vault file in a
 * {@code @TempDir} (item codes and case codes), the vault's own {@link VaultCaseBinder}, and case and pallet
 * printers that record the labels they are handed. Items are bound the way the line binds them (print, then the
 * item scanner reads the label); case labels are "read" by handing their text to the packing.
 */
class CasePackingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String JOB = "J1";

    @TempDir
    Path dir;
    CodeVault vault;
    ProductionLine line;
    CasePacking packing;
    Binder binder;
    final Output itemPrinter = new Output();
    final Output casePrinter = new Output();
    final Output palletPrinter = new Output();
    final List<LineEvent> heard = new CopyOnWriteArrayList<>();

    /** A printer that keeps every label; a send fails while {@code failing}. */
    static final class Output implements LabelOutput {
        final List<byte[]> labels = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        @Override
        public CompletableFuture<Void> send(byte[] label) {
            if (failing) {
                return CompletableFuture.failedFuture(new java.io.IOException("printer connection lost"));
            }
            labels.add(label);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void askProgress() {
        }

        @Override
        public void cancelQueued() {
        }
    }

    /** The vault's binder, keeping the case and pallet codes it reserved (what their labels encode). */
    static final class Binder implements CaseBinder {
        final VaultCaseBinder vault;
        final List<CaseCode> cases = new CopyOnWriteArrayList<>();
        final List<CaseCode> pallets = new CopyOnWriteArrayList<>();

        Binder(VaultCaseBinder vault) {
            this.vault = vault;
        }

        @Override
        public long casesPacked(String jobId) {
            return vault.casesPacked(jobId);
        }

        @Override
        public CaseCode reserve(String jobId) {
            CaseCode c = vault.reserve(jobId);
            cases.add(c);
            return c;
        }

        @Override
        public Optional<CaseRejectReason> pack(String jobId, CaseCode caseCode, int expected, List<String> children) {
            return vault.pack(jobId, caseCode, expected, children);
        }

        @Override
        public CaseCode reservePallet(String jobId) {
            CaseCode c = vault.reservePallet(jobId);
            pallets.add(c);
            return c;
        }

        @Override
        public Optional<CaseRejectReason> packPallet(String jobId, CaseCode pallet, List<String> cases) {
            return vault.packPallet(jobId, pallet, cases);
        }

        @Override
        public long palletsPacked(String jobId) {
            return vault.palletsPacked(jobId);
        }

        @Override
        public List<String> casesOnNoPallet(String jobId) {
            return vault.casesOnNoPallet(jobId);
        }

        @Override
        public String caseKey(String read) {
            return vault.caseKey(read);
        }

        @Override
        public CaseRejectReason strayCase(String jobId, String caseKey) {
            return vault.strayCase(jobId, caseKey);
        }
    }

    static LineConfig config(String mode, Integer perPallet, LineConfig.CaseCodes codes, Duration window) {
        LineConfig.Printer printer = new LineConfig.Printer(null, null, null, null, null, null);
        LineConfig.Packing packing = new LineConfig.Packing(mode, 2, perPallet, codes, printer, null, null, window,
                null, null, null);
        return new LineConfig("line-1", APP, LineMode.TRIGGERED, printer, null, null, null,
                new LineConfig.Verify(Duration.ofHours(1), 8), new LineConfig.Stream(3), null, null, packing);
    }

    static LineConfig.CaseCodes sscc() {
        return new LineConfig.CaseCodes("sscc", null, PackingFixture.PREFIX, 3);
    }

    static LineConfig.CaseCodes wechat(long application) {
        return new LineConfig.CaseCodes("wechat", application, null, null);
    }

    /** A started line with its packing; the vault file is kept across calls (a restart). */
    private void started(LineConfig config) {
        Path file = dir.resolve("vault.db");
        vault = file.toFile().exists() ? CodeVault.open(file) : PackingFixture.vault(file);
        line = new ProductionLine(config, vault, 8);
        line.subscribe(heard::add);
        binder = new Binder(new VaultCaseBinder(vault, config));
        packing = new CasePacking(config, line, binder, new CaseLabelPress(config));
        line.start(itemPrinter);
        packing.start(casePrinter, palletPrinter);
        line.printerState(DeviceState.ONLINE, null);
    }

    private void running(LineConfig config) {
        started(config);
        assertThat(done(line.start(new JobOrder(JOB, "SKU-1", "B7", 100, null, null, null, null)))).isEqualTo(JOB);
    }

    private void restart(LineConfig config) {
        line.shutdown();
        vault.close();
        heard.clear();
        started(config);
    }

    @AfterEach
    void close() {
        if (line != null) {
            line.shutdown();
        }
        if (vault != null) {
            vault.close();
        }
    }

    /** Prints and binds one item; returns its code as the vault names it. */
    private String bind(String item) {
        long index = done(line.print(item)).codeIndex();
        var code = vault.byIndex(APP, index).orElseThrow();
        line.scanned(code.url());
        await().atMost(WAIT).until(() -> heard.stream().anyMatch(e -> e instanceof LineEvent.ItemBound b
                && b.itemId().equals(item)));
        return code.code();
    }

    /** Waits until everything posted to the line's thread so far has run and its events have been heard. */
    private void settled() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        line.onLineThread(ran::countDown);
        assertThat(ran.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        CountDownLatch published = new CountDownLatch(1);
        line.afterPublished(published::countDown);
        assertThat(published.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    private <E extends LineEvent> List<E> heard(Class<E> type) {
        return heard.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private List<PackUnit> units(PackLevel level) {
        return vault.packing().units(JOB, level);
    }

    @Test
    void aFullCaseGetsALabelWithItsCodeCommittedAndIsPackedWhenTheLabelIsRead() throws Exception {
        running(config("count", null, sscc(), Duration.ofHours(1)));

        String first = bind("item-1");
        settled();
        assertThat(casePrinter.labels).as("one item is not a case of 2").isEmpty();
        assertThat(packing.counts().openCaseItems()).isEqualTo(1);
        String second = bind("item-2");
        await().atMost(WAIT).until(() -> casePrinter.labels.size() == 1);
        assertThat(packing.counts().openCaseItems()).isZero();
        CaseCode code = binder.cases.get(0);
        assertThat(code.read()).isEqualTo("00" + code.code());
        assertThat(code.code()).startsWith("3" + PackingFixture.PREFIX).hasSize(18);

        packing.read(code.read());
        settled();

        assertThat(heard(LineEvent.CasePacked.class)).singleElement().satisfies(p -> {
            assertThat(p.caseNumber()).isEqualTo(1);
            assertThat(p.caseCode()).isEqualTo(code.code());
            assertThat(p.items()).isEqualTo(2);
        });
        assertThat(units(PackLevel.CASE)).singleElement().satisfies(u -> {
            assertThat(u.code()).isEqualTo(code.code());
            assertThat(u.state()).isEqualTo(PackState.PACKED);
            assertThat(u.children()).containsExactlyInAnyOrder(first, second);
        });
        assertThat(packing.counts()).isEqualTo(new PackingCounts(1, 0, 0, 0, 0, 0));
        assertThat(line.packingCounts()).as("the line asks its packing").isEqualTo(packing.counts());
        assertThat(heard(LineEvent.CaseRejected.class)).isEmpty();
    }

    @Test
    void aReadOfALaterCaseRejectsTheCasesBeforeItUnreadAndANoReadRejectsTheHead() throws Exception {
        running(config("count", null, sscc(), Duration.ofHours(1)));
        for (int i = 1; i <= 6; i++) {
            bind("item-" + i);
        }
        await().atMost(WAIT).until(() -> casePrinter.labels.size() == 3);

        packing.read(binder.cases.get(1).read());
        settled();
        assertThat(heard(LineEvent.CaseRejected.class)).singleElement().satisfies(r -> {
            assertThat(r.caseNumber()).isEqualTo(1);
            assertThat(r.caseCode()).isEqualTo(binder.cases.get(0).code());
            assertThat(r.reason()).isEqualTo(CaseRejectReason.CASE_NO_READ);
            assertThat(r.items()).isEqualTo(2);
        });
        assertThat(heard(LineEvent.CasePacked.class)).extracting(LineEvent.CasePacked::caseNumber).containsExactly(2L);

        packing.read("00" + "123456789012345678"); // a label no case awaits: settles nothing
        packing.read(binder.cases.get(0).read()); // already settled: settles nothing
        settled();
        assertThat(heard(LineEvent.CaseRejected.class)).hasSize(1);

        packing.read(null);
        settled();
        assertThat(heard(LineEvent.CaseRejected.class)).extracting(LineEvent.CaseRejected::caseNumber)
                .containsExactly(1L, 3L);
        assertThat(packing.counts()).isEqualTo(new PackingCounts(1, 2, 0, 0, 0, 0));
        assertThat(units(PackLevel.CASE)).extracting(PackUnit::code).containsExactly(binder.cases.get(1).code());

        packing.read(null); // nothing awaits: nothing to reject
        settled();
        assertThat(heard(LineEvent.CaseRejected.class)).hasSize(2);
    }

    @Test
    void aCaseWhoseLabelIsNotReadWithinTheCaseWindowIsRejected() throws Exception {
        running(config("count", null, sscc(), Duration.ofMillis(1)));
        bind("item-1");
        bind("item-2");
        await().atMost(WAIT).until(() -> casePrinter.labels.size() == 1);

        await().atMost(WAIT).untilAsserted(() -> {
            packing.tick();
            settled();
            assertThat(heard(LineEvent.CaseRejected.class)).singleElement().satisfies(r -> {
                assertThat(r.reason()).isEqualTo(CaseRejectReason.CASE_NO_READ);
                assertThat(r.items()).isEqualTo(2);
            });
        });
        packing.read(binder.cases.get(0).read()); // later than the window: no longer awaited
        settled();
        assertThat(heard(LineEvent.CasePacked.class)).isEmpty();
        assertThat(units(PackLevel.CASE)).isEmpty();
    }

    @Test
    void withinTheCaseWindowATickRejectsNothing() throws Exception {
        running(config("count", null, sscc(), Duration.ofHours(1)));
        bind("item-1");
        bind("item-2");
        await().atMost(WAIT).until(() -> casePrinter.labels.size() == 1);

        packing.tick();
        settled();
        packing.read(binder.cases.get(0).read());
        settled();

        assertThat(heard(LineEvent.CaseRejected.class)).isEmpty();
        assertThat(heard(LineEvent.CasePacked.class)).hasSize(1);
    }

    @Test
    void closeCaseClosesTheOpenCaseShortAndAnswersHowManyItemsItHeld() throws Exception {
        started(config("count", null, sscc(), Duration.ofHours(1)));
        assertThat(refusal(line.closeCase())).as("no job open").isEqualTo(Refusal.NO_JOB);
        assertThat(done(line.start(new JobOrder(JOB, "SKU-1", "B7", 100, null, null, null, null)))).isEqualTo(JOB);

        assertThat(done(line.closeCase())).as("an empty case").isZero();
        settled();
        assertThat(casePrinter.labels).isEmpty();
        assertThat(binder.cases).isEmpty();

        String only = bind("item-1");
        assertThat(done(line.closeCase())).isEqualTo(1);
        await().atMost(WAIT).until(() -> casePrinter.labels.size() == 1);
        packing.read(binder.cases.get(0).read());
        settled();

        assertThat(heard(LineEvent.CasePacked.class)).singleElement()
                .satisfies(p -> assertThat(p.items()).isEqualTo(1));
        assertThat(units(PackLevel.CASE).get(0).children()).containsExactly(only);
    }

    @Test
    void aJobClosedWithACaseAwaitingItsReadRejectsItAndLeavesTheOpenCaseUnpacked() throws Exception {
        running(config("count", null, sscc(), Duration.ofHours(1)));
        bind("item-1");
        bind("item-2");
        bind("item-3");
        await().atMost(WAIT).until(() -> casePrinter.labels.size() == 1);
        assertThat(packing.counts().openCaseItems()).isEqualTo(1);

        done(line.close());
        settled();

        assertThat(heard(LineEvent.CaseRejected.class)).singleElement().satisfies(r -> {
            assertThat(r.caseNumber()).isEqualTo(1);
            assertThat(r.reason()).isEqualTo(CaseRejectReason.CASE_NO_READ);
            assertThat(r.items()).isEqualTo(2);
        });
        int closedAt = heard.indexOf(heard(LineEvent.JobClosed.class).get(0));
        assertThat(heard.indexOf(heard(LineEvent.CaseRejected.class).get(0))).isGreaterThan(closedAt);
        assertThat(packing.counts().openCaseItems()).isZero();
        assertThat(casePrinter.labels).as("the open case gets no label").hasSize(1);

        packing.read(binder.cases.get(0).read()); // no job: nothing is packed
        settled();
        assertThat(units(PackLevel.CASE)).isEmpty();
        assertThat(refusal(line.closeCase())).isEqualTo(Refusal.NO_JOB);
    }

    @Test
    void aNewJobStartsCountingItsOwnCasesFromOne() throws Exception {
        running(config("count", null, sscc(), Duration.ofHours(1)));
        bind("item-1");
        bind("item-2");
        await().atMost(WAIT).until(() -> casePrinter.labels.size() == 1);
        packing.read(binder.cases.get(0).read());
        settled();
        bind("item-3");
        done(line.close());
        assertThat(done(line.start(new JobOrder("J2", "SKU-1", "B7", 100, null, null, null, null)))).isEqualTo("J2");
        settled();
        assertThat(packing.counts()).isEqualTo(new PackingCounts(0, 0, 0, 0, 0, 0));

        bind("item-4");
        bind("item-5");
        await().atMost(WAIT).until(() -> casePrinter.labels.size() == 2);
        packing.read(binder.cases.get(1).read());
        settled();

        assertThat(heard(LineEvent.CasePacked.class)).extracting(LineEvent.CasePacked::caseNumber)
                .containsExactly(1L, 1L);
        assertThat(vault.packing().units("J2", PackLevel.CASE)).singleElement()
                .satisfies(u -> assertThat(u.childCount()).isEqualTo(2));
    }

    @Test
    void aCaseLabelThePrinterDoesNotTakeRejectsTheCase() throws Exception {
        running(config("count", null, sscc(), Duration.ofHours(1)));
        casePrinter.failing = true;
        bind("item-1");
        bind("item-2");

        await().atMost(WAIT).untilAsserted(() -> assertThat(heard(LineEvent.CaseRejected.class)).singleElement()
                .satisfies(r -> {
                    assertThat(r.reason()).isEqualTo(CaseRejectReason.PRINTER_FAULT);
                    assertThat(r.caseCode()).isEqualTo(binder.cases.get(0).code());
                    assertThat(r.items()).isEqualTo(2);
                }));
        packing.read(binder.cases.get(0).read()); // its label never left: not awaited
        settled();
        assertThat(units(PackLevel.CASE)).isEmpty();
        assertThat(packing.counts().casesRejected()).isEqualTo(1);
    }

    @Test
    void aCaseWithoutACaseCodeIsRejectedVaultAndItsItemsStayUnpacked() throws Exception {
        running(config("count", null, wechat(424242L), Duration.ofHours(1))); // an application with no codes
        bind("item-1");
        bind("item-2");

        await().atMost(WAIT).untilAsserted(() -> assertThat(heard(LineEvent.CaseRejected.class)).singleElement()
                .satisfies(r -> {
                    assertThat(r.caseNumber()).isEqualTo(1);
                    assertThat(r.caseCode()).isNull();
                    assertThat(r.reason()).isEqualTo(CaseRejectReason.VAULT);
                    assertThat(r.items()).isEqualTo(2);
                }));
        assertThat(casePrinter.labels).isEmpty();
        assertThat(packing.counts().casesRejected()).isEqualTo(1);
    }

    @Test
    void wechatCaseCodesAreReservedFromTheCaseApplicationAndBoundWhenPacked() throws Exception {
        running(config("count", null, wechat(PackingFixture.CASE_APP), Duration.ofHours(1)));
        bind("item-1");
        bind("item-2");
        await().atMost(WAIT).until(() -> casePrinter.labels.size() == 1);
        CaseCode code = binder.cases.get(0);
        var record = vault.byIndex(PackingFixture.CASE_APP, 5000).orElseThrow();
        assertThat(code).isEqualTo(new CaseCode(record.url(), record.code()));
        assertThat(record.state()).as("committed before its label left").isEqualTo(io.yima.vault.CodeState.SENT);

        packing.read(code.read());
        settled();

        assertThat(heard(LineEvent.CasePacked.class)).singleElement()
                .satisfies(p -> assertThat(p.caseCode()).isEqualTo(record.code()));
        assertThat(vault.byIndex(PackingFixture.CASE_APP, 5000).orElseThrow().state())
                .isEqualTo(io.yima.vault.CodeState.BOUND);
    }

    @Test
    void scanModePacksWhatTheCameraSawAndTheVaultRefusesAShortFrame() throws Exception {
        running(config("scan", null, sscc(), Duration.ofHours(1)));
        String a = bind("item-1");
        String b = bind("item-2");
        String c = bind("item-3");
        bind("item-4");
        await().atMost(WAIT).until(() -> casePrinter.labels.size() == 2);

        packing.read(a + ";" + b + ";CASE:" + binder.cases.get(0).read());
        packing.read(c + ";CASE:" + binder.cases.get(1).read()); // one of the case's two items missing
        settled();

        assertThat(heard(LineEvent.CasePacked.class)).singleElement().satisfies(p -> {
            assertThat(p.caseNumber()).isEqualTo(1);
            assertThat(p.items()).isEqualTo(2);
        });
        assertThat(heard(LineEvent.CaseRejected.class)).singleElement().satisfies(r -> {
            assertThat(r.caseNumber()).isEqualTo(2);
            assertThat(r.reason()).isEqualTo(CaseRejectReason.MISSING);
            assertThat(r.items()).as("what the camera saw").isEqualTo(1);
        });
        assertThat(units(PackLevel.CASE)).singleElement()
                .satisfies(u -> assertThat(u.children()).containsExactlyInAnyOrder(a, b));
        assertThat(packing.framesRefused()).isZero();
    }

    @Test
    void scanModeRefusesUnreadableFramesAndLabelsNoCaseAwaitsAndTakesANoReadAsTheHeadUnread() throws Exception {
        running(config("scan", null, sscc(), Duration.ofHours(1)));
        String a = bind("item-1");
        String b = bind("item-2");
        await().atMost(WAIT).until(() -> casePrinter.labels.size() == 1);

        packing.read(a + ";" + b); // no CASE: field
        packing.read(a + ";" + b + ";CASE:00999999999999999999"); // a case label this line did not print
        settled();
        assertThat(packing.framesRefused()).isEqualTo(2);
        assertThat(heard(LineEvent.CaseRejected.class)).isEmpty();

        packing.read(a + ";" + b + ";CASE:"); // the camera saw the items but not the label
        settled();
        assertThat(packing.framesRefused()).as("a no-read of the label is not a refused frame").isEqualTo(2);
        assertThat(heard(LineEvent.CaseRejected.class)).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(CaseRejectReason.CASE_NO_READ));

        packing.read(null); // the camera's no-read with nothing awaiting
        settled();
        assertThat(heard(LineEvent.CaseRejected.class)).hasSize(1);
        assertThat(packing.framesRefused()).isEqualTo(2);
    }

    @Test
    void afterARestartCaseNumbersContinueAboveTheVaultsCases() throws Exception {
        LineConfig config = config("count", null, sscc(), Duration.ofHours(1));
        running(config);
        bind("item-1");
        bind("item-2");
        await().atMost(WAIT).until(() -> casePrinter.labels.size() == 1);
        packing.read(binder.cases.get(0).read());
        settled();

        restart(config);
        settled();
        assertThat(line.currentJobId()).isEqualTo(JOB);
        assertThat(packing.counts().casesPacked()).isEqualTo(1);
        bind("item-3");
        bind("item-4");
        await().atMost(WAIT).until(() -> casePrinter.labels.size() == 2);
        packing.read(binder.cases.get(0).read());
        settled();

        assertThat(heard(LineEvent.CasePacked.class)).singleElement()
                .satisfies(p -> assertThat(p.caseNumber()).isEqualTo(2));
        assertThat(packing.counts().casesPacked()).isEqualTo(2);
    }

    @Test
    void withoutPerPalletThereIsNoPalletToCloseOrRebuild() throws Exception {
        running(config("count", null, sscc(), Duration.ofHours(1)));

        CompletionStage<Integer> repallet = packing.repallet(0, "tech");

        assertThat(refusal(repallet)).isEqualTo(Refusal.WRONG_MODE);
        assertThat(packing.palletFramesRefused()).isZero();
        packing.palletRead("PALLET:00" + "123456789012345678"); // no pallets: ignored
        settled();
        assertThat(packing.palletFramesRefused()).isZero();
        assertThat(packing.counts().palletsPacked()).isZero();
    }

    @Test
    void perPalletCasesGoOnAPalletOnceThePalletPrinterTookItsLabel() throws Exception {
        running(config("count", 2, sscc(), Duration.ofHours(1)));
        List<String> caseCodes = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            bind("item-" + (2 * c + 1));
            bind("item-" + (2 * c + 2));
            int labels = c + 1;
            await().atMost(WAIT).until(() -> casePrinter.labels.size() == labels);
            packing.read(binder.cases.get(c).read());
            caseCodes.add(binder.cases.get(c).code());
            settled();
        }
        settled();

        assertThat(palletPrinter.labels).hasSize(1);
        assertThat(heard(LineEvent.PalletPacked.class)).singleElement().satisfies(p -> {
            assertThat(p.palletNumber()).isEqualTo(1);
            assertThat(p.palletCode()).isEqualTo(binder.pallets.get(0).code());
            assertThat(p.cases()).isEqualTo(2);
        });
        assertThat(units(PackLevel.PALLET)).singleElement()
                .satisfies(u -> assertThat(u.children()).containsExactlyElementsOf(caseCodes));
        assertThat(packing.counts()).isEqualTo(new PackingCounts(2, 0, 0, 1, 0, 0));
    }

    @Test
    void closePalletPacksTheOpenPalletAsItIsAndRepalletRebuildsARejectedOne() throws Exception {
        running(config("count", 3, sscc(), Duration.ofHours(1)));
        assertThat(done(line.closePallet())).as("no case waits").isZero();
        bind("item-1");
        bind("item-2");
        await().atMost(WAIT).until(() -> casePrinter.labels.size() == 1);
        packing.read(binder.cases.get(0).read());
        settled();
        assertThat(packing.counts().openPalletCases()).isEqualTo(1);

        palletPrinter.failing = true;
        assertThat(done(line.closePallet())).isEqualTo(1);
        settled();
        assertThat(heard(LineEvent.PalletRejected.class)).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(CaseRejectReason.PRINTER_FAULT);
            assertThat(r.cases()).isEqualTo(1);
        });
        assertThat(packing.counts()).isEqualTo(new PackingCounts(1, 0, 0, 0, 1, 0));

        palletPrinter.failing = false;
        assertThat(done(packing.repallet(0, "tech"))).isEqualTo(1);
        settled();
        assertThat(heard(LineEvent.PalletPacked.class)).singleElement().satisfies(p -> {
            assertThat(p.palletNumber()).isEqualTo(2);
            assertThat(p.cases()).isEqualTo(1);
        });
        assertThat(done(packing.repallet(0, "tech"))).as("no case is on no pallet now").isZero();

        done(line.close());
        settled();
        assertThat(refusal(line.closePallet())).isEqualTo(Refusal.NO_JOB);
        assertThat(refusal(packing.repallet(0, "tech"))).isEqualTo(Refusal.NO_JOB);
    }

    @Test
    void theJobsLastPartialPalletIsPackedAfterItsClose() throws Exception {
        running(config("count", 3, sscc(), Duration.ofHours(1)));
        bind("item-1");
        bind("item-2");
        await().atMost(WAIT).until(() -> casePrinter.labels.size() == 1);
        packing.read(binder.cases.get(0).read());
        settled();

        done(line.close());
        settled();

        assertThat(heard(LineEvent.PalletPacked.class)).singleElement()
                .satisfies(p -> assertThat(p.cases()).isEqualTo(1));
        int closedAt = heard.indexOf(heard(LineEvent.JobClosed.class).get(0));
        assertThat(heard.indexOf(heard(LineEvent.PalletPacked.class).get(0))).isGreaterThan(closedAt);
    }
}
