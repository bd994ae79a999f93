package io.yima.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.cli.YimaEdge;
import io.yima.sim.forge.PackageForge;
import io.yima.sim.wechat.Fault;
import io.yima.sim.wechat.WechatEmulator;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeVault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code wechat download}: three ranges from the emulator straight into a real vault file, and resuming. */
class WechatDownloadIT {
    @TempDir
    Path dir;
    EmulatedUpstream up;
    Path vaultFile;
    Path keyFile;
    Path secretFile;
    Path configFile;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        up = new EmulatedUpstream(WechatEmulator.Settings.forTests(EmulatedUpstream.KEY)
                .withGenerationDelay(Duration.ofSeconds(5))); // long enough for two CLI runs on a loaded machine
        vaultFile = dir.resolve("vault.db");
        keyFile = Files.writeString(dir.resolve("app.key"), EmulatedUpstream.KEY + "\n");
        secretFile = Files.writeString(dir.resolve("secret"), EmulatedUpstream.SECRET);
        configFile = Files.writeString(dir.resolve("edge.yaml"), "upstream:\n  appid: wxAPP\n  max_attempts: 3\n"
                + "  backoff_min: 5ms\n  backoff_max: 20ms\n  secret_file: " + secretFile + "\n");
    }

    @AfterEach
    void stop() {
        up.close();
    }

    Run download(long app, String... extra) {
        CommandLine cli = YimaEdge.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> args = new ArrayList<>(List.of("wechat", "download", "--config", configFile.toString(),
                "--base-url", up.emulator.baseUrl(), "--application", String.valueOf(app),
                "--vault", vaultFile.toString(), "--key-file", keyFile.toString()));
        args.addAll(List.of(extra));
        return new Run(cli.execute(args.toArray(String[]::new)), out.toString(), err.toString());
    }

    long total() {
        try (CodeVault vault = CodeVault.open(vaultFile)) {
            return vault.stats().applications().stream().mapToLong(a -> a.total()).sum();
        }
    }

    @Test
    void waitsForGenerationThenImportsEveryRange() {
        long app = up.client().applyCode(30_000, "dl-3");
        Run early = download(app);
        assertThat(early.exit()).isEqualTo(1);
        assertThat(early.err()).contains("not FINISH yet", "--wait");

        Run run = download(app, "--wait", "--poll", "100ms");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 ranges, 30000 codes; imported 30000, already in the vault 0");
        assertThat(run.err()).contains("waiting", "30000/30000 codes");
        assertThat(up.emulator.calls("applycodedownload")).hasSize(3);
        try (CodeVault vault = CodeVault.open(vaultFile)) {
            for (long index : new long[] {0, 9_999, 10_000, 29_999}) {
                CodeRecord stored = vault.byIndex(app, index).orElseThrow();
                PackageForge.ForgedCode issued = PackageForge.code(app, index);
                assertThat(stored.code()).isEqualTo(issued.code());
                assertThat(stored.url()).isEqualTo(issued.url());
            }
        }
        assertThat(total()).isEqualTo(30_000);
    }

    @Test
    void aConfigWithRelativePathsGivesVaultKeyAndSecretAsUnderRun() throws Exception {
        long app = up.client().applyCode(10_000, "dl-config");
        await().atMost(Duration.ofSeconds(10)).until(() -> up.client().queryApplication(app).finished());
        // Relative to the config's folder (the temp dir), not to where the command runs (the build folder).
        Path relative = Files.writeString(dir.resolve("relative.yaml"), "vault:\n  path: vault.db\n"
                + "applications:\n  - id: " + app + "\n    key_file: app.key\n"
                + "upstream:\n  appid: wxAPP\n  max_attempts: 3\n  secret_file: secret\n");
        CommandLine cli = YimaEdge.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("wechat", "download", "--config", relative.toString(), "--base-url",
                up.emulator.baseUrl(), "--application", String.valueOf(app));
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("imported 10000");
        assertThat(total()).isEqualTo(10_000);
    }

    @Test
    void withoutVaultOrConfigTheDownloadAsksWhichVault() {
        CommandLine cli = YimaEdge.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("wechat", "download", "--base-url", up.emulator.baseUrl(), "--application", "1",
                "--key-file", keyFile.toString(), "--appid", "wxAPP", "--secret-file", secretFile.toString());
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("which vault? give --vault FILE.db, or --config with a vault.path");
    }

    @Test
    void aWrongKeyIsRefusedAndLeavesTheVaultEmpty() throws Exception {
        long app = up.client().applyCode(10_000, "dl-key");
        await().atMost(Duration.ofSeconds(10)).until(() -> up.client().queryApplication(app).finished());
        Files.writeString(keyFile, "fedcba9876543210");
        Run wrongKey = download(app);
        assertThat(wrongKey.exit()).isEqualTo(1);
        assertThat(wrongKey.err()).contains("error: import refused, the vault keeps what it had")
                .doesNotContain("fedcba9876543210");
        assertThat(total()).isZero();
    }

    @Test
    void anInterruptedDownloadIsCompletedByRunningItAgain() {
        long app = up.client().applyCode(30_000, "dl-resume");
        await().atMost(Duration.ofSeconds(10)).until(() -> up.client().queryApplication(app).finished());
        // Query, the first range and its import's 18 codeactivequery calls (both ends and 16 indexes between) pass;
        // the second range fails on every attempt.
        up.emulator.faults().pass(2 + 18).next(Fault.HTTP_500, 3);
        Run broken = download(app);
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.err()).contains("applycodedownload: gave up after 3 attempts: HTTP 500");
        assertThat(total()).isEqualTo(10_000);

        Run resumed = download(app);
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("imported 20000, already in the vault 10000");
        assertThat(total()).isEqualTo(30_000);

        Run again = download(app);
        assertThat(again.out()).contains("imported 0, already in the vault 30000");
        assertThat(total()).isEqualTo(30_000);
        assertThat(up.emulator.calls("applycodedownload").stream().filter(c -> c.succeeded()))
                .as("completed ranges are not downloaded again").hasSize(3);
    }
}
