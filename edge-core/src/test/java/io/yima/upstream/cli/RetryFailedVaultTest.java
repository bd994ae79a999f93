package io.yima.upstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.cli.YimaEdge;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code wechat retry-failed} works on an existing vault: a mistyped path is refused, never made a new vault. */
class RetryFailedVaultTest {
    @TempDir
    Path dir;

    @Test
    void aPathWithoutAVaultIsRefusedAndNoVaultIsCreated() {
        Path typo = dir.resolve("vaul.db");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = YimaEdge.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("wechat", "retry-failed", "--vault", typo.toString(), "--no-send");
        assertThat(exit).isNotZero();
        assertThat(err.toString()).startsWith("error: no vault at " + typo + ": check --vault")
                .doesNotContain("Exception");
        assertThat(out.toString()).doesNotContain("requeued");
        assertThat(typo).doesNotExist();
        assertThat(dir.resolve("vaul.db-wal")).doesNotExist();
    }

    @Test
    void anExistingVaultIsRequeuedAsBefore() {
        Path vault = dir.resolve("vault.db");
        assertThat(YimaEdge.commandLine().execute("vault", "init", "--vault", vault.toString())).isZero();
        StringWriter out = new StringWriter();
        CommandLine cli = YimaEdge.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cli.execute("wechat", "retry-failed", "--vault", vault.toString(), "--no-send")).isZero();
        assertThat(out.toString()).contains("requeued 0 failed ranges");
        assertThat(Files.isRegularFile(vault)).isTrue();
    }
}
