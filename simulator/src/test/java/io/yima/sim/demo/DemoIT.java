package io.yima.sim.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.sim.YimaSim;
import io.yima.vault.CodeState;
import io.yima.vault.CodeVault;
import io.yima.vault.VaultStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command, shortened: the whole line import → print → scan → bind → activate must balance. */
class DemoIT {

    @Test
    void demoLineAccountsForEveryCodeAndActivatesEveryBoundOne(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        int rc;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
        try {
            rc = YimaSim.commandLine().execute("demo", "--dir", dir.toString(), "--items", "400", "--rate", "400",
                    "--codes", "10000", "--no-read-rate", "0.05");
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        String err = capturedErr.toString(StandardCharsets.UTF_8);
        assertThat(rc).as(out).isZero();
        assertThat(out).contains("imported 10000 codes", "printed 400 = bound", "every code accounted for");
        // quiet, useful output: a progress bar, one verdict line with the fault tally, the per-item WARNs in the log
        assertThat(out).contains("[########################]     400 / 400  100 %")
                .containsPattern("(?m)^PASS  400 items: printed 400 = bound \\d+ \\+ rejected [1-9]\\d* \\+ voided 0;"
                        + " faults: no read [1-9]\\d*$")
                .doesNotContainPattern("\\{[A-Z_]+=").doesNotContain("NO_READ");
        assertThat(out + err).as("no per-item WARN on the console").doesNotContain(" WARN ");
        assertThat(java.nio.file.Files.readString(dir.resolve("edge.log"))).contains("rejected NO_READ");
        try (CodeVault vault = CodeVault.open(dir.resolve("vault.db"))) {
            VaultStats.ApplicationStats app = vault.stats().applications().get(0);
            long bound = app.states().get(CodeState.BOUND);
            long rejected = app.states().get(CodeState.REJECTED);
            assertThat(bound + rejected).isEqualTo(400);
            assertThat(rejected).as("5 %% no-reads were injected").isPositive();
            assertThat(app.states().get(CodeState.RESERVED) + app.states().get(CodeState.SENT)).isZero();
            assertThat(app.activation().get("ACTIVATED")).isEqualTo(bound);
        }
    }

    @Test
    void microcodeLabelsAreDecodedFromTheirRasterAndBound(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int rc;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            rc = YimaSim.commandLine().execute("demo", "--dir", dir.toString(), "--items", "200", "--rate", "200",
                    "--codes", "10000", "--no-read-rate", "0", "--symbol", "MICROCODE");
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(rc).as(out).isZero();
        assertThat(out).contains("printed 200 = bound 200 + rejected 0");
    }

    @Test
    void withoutDirTheDemoLeavesNoKeySecretOrVaultBehind() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int rc;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            rc = YimaSim.commandLine().execute("demo", "--items", "50", "--rate", "200", "--codes", "10000",
                    "--no-read-rate", "0");
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(rc).as(out).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("demo line in (\\S+)").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        Path work = Path.of(m.group(1));
        assertThat(work.getFileName().toString()).startsWith("yima-demo");
        assertThat(java.nio.file.Files.exists(work)).as("temporary demo folder %s", work).isFalse();
    }
}
