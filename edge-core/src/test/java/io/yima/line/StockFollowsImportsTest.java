package io.yima.line;

import static io.yima.vault.TestPackages.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.config.LineConfig.LineMode;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.TestPackages;
import io.yima.vault.importing.NamedInput;
import io.yima.vault.importing.PackageImporter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job refused OUT_OF_CODES resumes once codes of its application are imported while the line runs: through the
 * daemon's own vault (a download inside the daemon) or through another connection (the {@code import} command
 * beside the daemon). The whole line on its own thread against a real vault file holding {@link LineRig#CODES}.
 */
class StockFollowsImportsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    CodeVault vault;
    ProductionLine line;
    final LineRig.RecordingOutput printer = new LineRig.RecordingOutput();

    private void started(LineMode mode, Duration window, int quantity) throws Exception {
        vault = LineRig.vault(dir);
        line = new ProductionLine(LineRig.config(mode, window), vault, 8);
        line.start(printer);
        line.printerState(DeviceState.ONLINE, null);
        done(line.start(LineRig.order("J1", quantity)));
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

    private static <T> T done(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Refusal refusal(CompletionStage<?> stage) throws Exception {
        try {
            stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return ((LineRefusal) e.getCause()).reason();
        }
        throw new AssertionError("not refused");
    }

    private static void importMore(CodeVault into) {
        new PackageImporter(into).importStreams(APP, TestPackages.keyBytes(), List.of(NamedInput.of("more.b64",
                TestPackages.base64(TestPackages.text(TestPackages.lines(LineRig.CODES, 60))))));
    }

    /** The scanner reads the item's label: it leaves the in-flight window (the line binds it). */
    private void read(ItemIssued issued) {
        line.scanned(vault.byIndex(APP, issued.codeIndex()).orElseThrow().url());
    }

    private void useUpTheStock() throws Exception {
        for (int i = 1; i <= LineRig.CODES; i++) {
            read(done(line.print("item-" + i)));
        }
        assertThat(refusal(line.print("item-21"))).isEqualTo(Refusal.OUT_OF_CODES);
        assertThat(refusal(line.print("item-22"))).as("still out").isEqualTo(Refusal.OUT_OF_CODES);
    }

    private void triggersAreIssuedAgain() throws Exception {
        for (int i = 21; i <= 40; i++) {
            ItemIssued issued = done(line.print("item-" + i));
            assertThat(issued.codeIndex()).isEqualTo(LineRig.CODES + i - 21L);
            assertThat(vault.byIndex(APP, issued.codeIndex()).orElseThrow().state()).isEqualTo(CodeState.SENT);
            read(issued);
        }
    }

    @Test
    void aJobOutOfCodesResumesWhenTheImportCommandAddsCodesBesideTheDaemon() throws Exception {
        started(LineMode.TRIGGERED, Duration.ofHours(1), 100);
        useUpTheStock();

        try (CodeVault importCommand = CodeVault.open(vault.file())) {
            importMore(importCommand);
        }

        triggersAreIssuedAgain();
    }

    @Test
    void aJobOutOfCodesResumesWhenTheDaemonItselfImportsCodes() throws Exception {
        started(LineMode.TRIGGERED, Duration.ofHours(1), 100);
        useUpTheStock();

        importMore(vault);

        triggersAreIssuedAgain();
    }

    @Test
    void aStreamJobOutOfCodesFillsAgainWhenCodesArrive() throws Exception {
        started(LineMode.STREAM, Duration.ofMillis(50), 30); // unread labels time out and make room for the next
        await().atMost(WAIT).until(() -> printer.count() == LineRig.CODES);

        try (CodeVault importCommand = CodeVault.open(vault.file())) {
            importMore(importCommand);
        }

        await().atMost(WAIT).until(() -> printer.count() == 30);
        assertThat(vault.byIndex(APP, 29).orElseThrow().state()).as("printed from the new codes")
                .isIn(CodeState.SENT, CodeState.REJECTED);
    }
}
