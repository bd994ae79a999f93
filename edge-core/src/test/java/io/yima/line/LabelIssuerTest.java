package io.yima.line;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.config.LineConfig;
import io.yima.config.LineConfig.LineMode;
import io.yima.drivers.render.Symbology;
import io.yima.printing.LabelPress;
import io.yima.vault.ActivationFields;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.JobSpec;
import io.yima.vault.JobState;
import io.yima.vault.TestPackages;
import io.yima.vault.VaultException;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The print invariant on its own, against a real SQLite vault file: a label's bytes reach the printer link only
 * after its code's SENT commit has returned — seen from a second connection to the file, which sees committed
 * rows only — and a commit that fails hands nothing over.
 */
class LabelIssuerTest {
    @TempDir
    Path dir;
    CodeVault vault;
    LabelIssuer issuer;
    OpenJob job;
    LineEvents events;
    final ArrayDeque<Runnable> lineThread = new ArrayDeque<>();
    final ArrayDeque<PendingLabel> queue = new ArrayDeque<>();
    /** What happened, in order: "handing item-1", "bytes item-1 SENT" (the code's committed state at the send). */
    final List<String> steps = new ArrayList<>();

    final LabelIssuer.Queue source = new LabelIssuer.Queue() {
        @Override
        public PendingLabel take(long nowNanos) {
            return queue.pollFirst();
        }

        @Override
        public void putBack(List<PendingLabel> labels) {
            for (int i = labels.size() - 1; i >= 0; i--) {
                queue.addFirst(labels.get(i));
            }
        }
    };

    /** Reads each label's human-readable code and records that code's committed state as another connection sees it. */
    final LabelOutput printer = new LabelOutput() {
        private final Pattern humanLine = Pattern.compile("\\^FD([^\\^]{9})\\^FS");

        @Override
        public CompletableFuture<Void> send(byte[] label) {
            Matcher m = humanLine.matcher(new String(label, StandardCharsets.US_ASCII));
            assertThat(m.find()).as("label carries its code").isTrue();
            steps.add("bytes " + committed(m.group(1)));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public void askProgress() {
            throw new AssertionError("the issuer never asks the printer's progress");
        }

        @Override
        public void cancelQueued() {
            throw new AssertionError("the issuer never cancels");
        }
    };

    final LabelIssuer.Handover handover = new LabelIssuer.Handover() {
        @Override
        public void handing(InFlightLabel label, PendingLabel request) {
            steps.add("handing " + request.itemId() + " code " + label.code.index());
        }

        @Override
        public void sent(InFlightLabel label, Throwable error) {
            steps.add("flushed " + label.itemId);
        }
    };

    @BeforeEach
    void line() {
        vault = CodeVault.open(dir.resolve("vault.db"));
        new PackageImporter(vault).importStreams(APP, TestPackages.keyBytes(),
                List.of(NamedInput.of("p.b64", TestPackages.base64(TestPackages.text(TestPackages.lines(0, 6))))));
        LineConfig config = new LineConfig("line-1", APP, LineMode.TRIGGERED,
                new LineConfig.Printer(null, null, null, null, null, null), null, null, null,
                new LineConfig.Verify(Duration.ofSeconds(5), 8), null, null);
        events = new LineEvents("line-1", vault);
        events.load();
        job = new OpenJob(LineMode.TRIGGERED);
        ItemResults results = new ItemResults(vault, new LineStats(), events, job, () -> false);
        issuer = new LabelIssuer("line-1", vault, new CodeDispenser(vault, 4), new LabelPress(config), job, results,
                lineThread::add);
        issuer.connect(printer, handover);
        JobSpec spec = new JobSpec("J1", "line-1", APP, "SKU-1", "B7", 10, "QR", "TRIGGERED",
                new ActivationFields("spring", "Yima", "Tea", "6901234567892", "wxabc", "pages/index", 0));
        vault.openJob(spec);
        job.open(spec, JobState.OPEN, Symbology.QR);
        issuer.forJob(APP, "J1", 0);
    }

    @AfterEach
    void close() {
        vault.close();
    }

    /** The code's state and item as committed in the vault file, read on a connection of its own. */
    private String committed(String code) {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + vault.file());
             var st = c.prepareStatement("SELECT state, item_id FROM code WHERE code = ?")) {
            st.setString(1, code);
            try (var rs = st.executeQuery()) {
                assertThat(rs.next()).as("code %s in the vault", code).isTrue();
                return rs.getString(2) + " " + CodeState.values()[rs.getInt(1)];
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private PendingLabel ask(String item) {
        PendingLabel label = new PendingLabel(item, System.nanoTime(), new CompletableFuture<>());
        queue.addLast(label);
        return label;
    }

    private CodeState state(long index) {
        return vault.byIndex(APP, index).orElseThrow().state();
    }

    @Test
    void eachLabelsBytesLeaveOnlyAfterItsCodeIsCommittedSentToItsItem() {
        ask("item-1");
        ask("item-2");
        ask("item-3");

        assertThat(issuer.issue(32, source)).isTrue();
        for (Runnable r; (r = lineThread.poll()) != null; ) {
            r.run();
        }

        assertThat(steps).containsExactly(
                "handing item-1 code 0", "bytes item-1 SENT",
                "handing item-2 code 1", "bytes item-2 SENT",
                "handing item-3 code 2", "bytes item-3 SENT",
                "flushed item-1", "flushed item-2", "flushed item-3");
        assertThat(queue).isEmpty();
        assertThat(issuer.issued()).isEqualTo(3);
    }

    @Test
    void aCommitThatFailsHandsNothingOverAndPutsCodesAndLabelsBack() throws Exception {
        ask("item-1");
        issuer.issue(32, source); // the prefetch now holds codes 1..3, reserved: the next batch needs no reserve
        steps.clear();

        LineRig.failWrites(vault, true);
        PendingLabel second = ask("item-2");
        PendingLabel third = ask("item-3");
        assertThatThrownBy(() -> issuer.issue(32, source)).isInstanceOf(VaultException.class);

        assertThat(steps).as("no hand-over, no bytes").isEmpty();
        assertThat(queue).containsExactly(second, third);
        assertThat(state(1)).isEqualTo(CodeState.RESERVED);
        assertThat(state(2)).isEqualTo(CodeState.RESERVED);
        assertThat(issuer.issued()).isEqualTo(1);

        LineRig.failWrites(vault, false);
        assertThat(issuer.issue(32, source)).isTrue();
        assertThat(steps).containsExactly("handing item-2 code 1", "bytes item-2 SENT",
                "handing item-3 code 2", "bytes item-3 SENT");
    }

    @Test
    void runningOutOfCodesIssuesWhatItCanAndLeavesTheRestWaiting() {
        for (int i = 1; i <= 7; i++) {
            ask("item-" + i);
        }

        assertThat(issuer.issue(32, source)).as("out of codes").isFalse();
        assertThat(steps).filteredOn(s -> s.startsWith("bytes")).hasSize(6).containsOnly(
                "bytes item-1 SENT", "bytes item-2 SENT", "bytes item-3 SENT", "bytes item-4 SENT",
                "bytes item-5 SENT", "bytes item-6 SENT");
        assertThat(queue).extracting(PendingLabel::itemId).containsExactly("item-7");
    }

    @Test
    void aBatchTakesNoMoreThanItsRoom() {
        ask("item-1");
        ask("item-2");
        ask("item-3");

        assertThat(issuer.issue(2, source)).isTrue();
        assertThat(steps).filteredOn(s -> s.startsWith("bytes")).hasSize(2);
        assertThat(queue).extracting(PendingLabel::itemId).containsExactly("item-3");
    }

    @Test
    void aLabelThatCannotBeRenderedVoidsItsCodeRefusesItsItemAndHandsNothingOver() {
        List<LineEvent> heard = new ArrayList<>();
        events.subscribe(heard::add);
        job.open(job.spec(), JobState.OPEN, null); // no symbology: the press cannot draw the code
        PendingLabel first = ask("item-1");

        assertThat(issuer.issue(32, source)).isTrue();

        assertThat(steps).as("nothing handed over").isEmpty();
        assertThat(first.reply()).isCompletedExceptionally();
        assertThatThrownBy(first.reply()::join).hasCauseInstanceOf(LineRefusal.class)
                .cause().satisfies(e -> assertThat(((LineRefusal) e).reason()).isEqualTo(Refusal.INTERNAL));
        assertThat(state(0)).isEqualTo(CodeState.VOIDED);
        assertThat(heard).anyMatch(e -> e instanceof LineEvent.CodesVoided v && v.reason() == VoidReason.RENDER_FAILED);
        assertThat(issuer.issued()).isZero();
    }
}
