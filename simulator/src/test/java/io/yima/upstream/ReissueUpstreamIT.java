package io.yima.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.yima.cli.YimaEdge;
import io.yima.sim.wechat.WechatEmulator;
import io.yima.vault.CodeVault;
import io.yima.vault.Ledger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * WeChat's own record against a reissue the ledger cannot see: codes printed and activated from a vault whose disk
 * and ledger are both lost are imported into a fresh vault, by {@code import --config} and by
 * {@code wechat download}, against the emulator over real HTTP into real vault files.
 */
class ReissueUpstreamIT {
    @TempDir
    Path dir;
    EmulatedUpstream up;
    Path keyFile;
    Path configFile;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void start() throws Exception {
        up = new EmulatedUpstream();
        // a package of 10,000 codes takes longer than the fixture's 400 ms on a loaded machine
        up.config = up.config.withTiming(Duration.ofSeconds(20), 3, Duration.ofMillis(1), Duration.ofMillis(8));
        keyFile = Files.writeString(dir.resolve("app.key"), EmulatedUpstream.KEY + "\n");
        Path secret = Files.writeString(dir.resolve("secret"), EmulatedUpstream.SECRET);
        configFile = Files.writeString(dir.resolve("edge.yaml"), "upstream:\n  appid: wxAPP\n  max_attempts: 2\n"
                + "  backoff_min: 5ms\n  backoff_max: 20ms\n  connect_timeout: 2s\n  secret_file: " + secret + "\n");
    }

    @AfterEach
    void stop() {
        up.close();
    }

    private int run(List<String> args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = YimaEdge.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args.toArray(String[]::new));
    }

    /** {@code import} with the upstream of edge.yaml at {@code baseUrl}; {@code extra} before the package file. */
    private int importWithUpstream(Path vault, long app, String baseUrl, Path pkg, String... extra) {
        List<String> a = new ArrayList<>(List.of("import", "--vault", vault.toString(), "--application",
                Long.toString(app), "--key-file", keyFile.toString(), "--config", configFile.toString(),
                "--base-url", baseUrl));
        a.addAll(List.of(extra));
        a.add(pkg.toString());
        return run(a);
    }

    /** A FINISH application of {@code count} codes (one range) and its package as WeChat hands it out. */
    private long finished(long count, String isvId) {
        long app = up.client().applyCode(count, isvId);
        await().atMost(Duration.ofSeconds(10)).until(() -> up.client().queryApplication(app).finished());
        return app;
    }

    private Path pkg(long app, long count) throws Exception {
        return Files.writeString(dir.resolve("app-" + app + ".b64"),
                up.client().downloadPackage(app, new CodeRange(0, count - 1)));
    }

    /** The codes were printed from a vault that is gone: the line activated them at WeChat. */
    private void printedAndActivatedElsewhere(long app, long count) {
        up.client().activate(app, new CodeRange(0, count - 1), EmulatedUpstream.fields("Spring"));
    }

    private static long count(Path db, String where) {
        try (CodeVault v = CodeVault.open(db)) {
            return v.read(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + where)) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }
    }

    private long activeQueries() {
        return up.emulator.calls("codeactivequery").stream().filter(c -> c.succeeded()).count();
    }

    @Test
    void activatedCodesIntoAFreshVaultWithoutLedgerAreRefusedUnlessTheRiskIsAccepted() throws Exception {
        long app = finished(10_000, "reissue-1");
        Path pkg = pkg(app, 10_000);
        printedAndActivatedElsewhere(app, 10_000);
        Path vault = dir.resolve("fresh").resolve("vault.db");
        Files.createDirectories(vault.getParent());
        assertThat(Ledger.fileOf(vault)).doesNotExist();

        assertThat(importWithUpstream(vault, app, up.emulator.baseUrl(), pkg)).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: refused: WeChat reports index 0 of application " + app
                        + " as already activated (range 0..9999)")
                .contains("would print them twice", "--accept-reissue-risk REASON")
                .doesNotContain("Exception", EmulatedUpstream.SECRET);
        assertThat(count(vault, "code")).isZero();
        // the first index asked is activated: one question is enough to refuse
        assertThat(activeQueries()).isEqualTo(1);

        assertThat(importWithUpstream(vault, app, up.emulator.baseUrl(), pkg,
                "--accept-reissue-risk", "old vault's labels were destroyed, signed K. Li")).isZero();
        assertThat(count(vault, "code")).isEqualTo(10_000);
        assertThat(count(vault, "event WHERE kind = 'REISSUE_RISK_ACCEPTED' AND json LIKE '%signed K. Li%'"
                + " AND json LIKE '%WeChat codeactivequery reported activations%'"
                + " AND json LIKE '%\"wechatActivatedIndex\":0%'")).isEqualTo(1);
    }

    @Test
    void codesNeverActivatedImportAfterABoundedSampleAndActivatedOnesAreRefusedIntoALiveVaultToo() throws Exception {
        long fresh = finished(10_000, "reissue-fresh");
        long printed = finished(10_000, "reissue-printed");
        Path freshPkg = pkg(fresh, 10_000);
        Path printedPkg = pkg(printed, 10_000);
        // only the last index of the printed range is activated: the sample reaches the run's end
        up.client().activate(printed, new CodeRange(9_999, 9_999), EmulatedUpstream.fields("Spring"));
        Path vault = dir.resolve("vault.db");

        long before = activeQueries();
        assertThat(importWithUpstream(vault, fresh, up.emulator.baseUrl(), freshPkg)).as(err.toString()).isZero();
        assertThat(count(vault, "code")).isEqualTo(10_000);
        assertThat(activeQueries() - before).as("first, last and 16 evenly spaced indexes").isEqualTo(18);
        assertThat(count(vault, "event WHERE kind IN ('REISSUE_RISK_ACCEPTED', 'UPSTREAM_CHECK_SKIPPED')")).isZero();

        // the vault now holds codes: this import is staged and checked before it is published
        assertThat(importWithUpstream(vault, printed, up.emulator.baseUrl(), printedPkg,
                "--upstream-check-samples", "4")).isEqualTo(1);
        assertThat(err.toString()).contains("WeChat reports index 9999 of application " + printed
                + " as already activated");
        assertThat(count(vault, "code")).isEqualTo(10_000);
    }

    @Test
    void anUnreachableUpstreamRefusesUntilTheCheckIsSkippedWithAReason() throws Exception {
        long app = finished(10_000, "reissue-offline");
        Path pkg = pkg(app, 10_000);
        String closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = "http://127.0.0.1:" + s.getLocalPort();
        }
        Path vault = dir.resolve("vault.db");

        assertThat(importWithUpstream(vault, app, closed, pkg)).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: refused: could not ask WeChat whether codes of application "
                        + app + " were already activated")
                .contains("Nothing was imported", "--skip-upstream-check REASON")
                .doesNotContain("Exception", EmulatedUpstream.SECRET);
        assertThat(count(vault, "code")).isZero();

        assertThat(importWithUpstream(vault, app, closed, pkg, "--skip-upstream-check", " ")).isEqualTo(1);
        assertThat(err.toString()).contains("--skip-upstream-check needs a reason");

        assertThat(importWithUpstream(vault, app, closed, pkg, "--skip-upstream-check",
                "line 3 offline, codes new from the ISV, signed K. Li")).as(err.toString()).isZero();
        assertThat(count(vault, "code")).isEqualTo(10_000);
        assertThat(count(vault, "event WHERE kind = 'UPSTREAM_CHECK_SKIPPED' AND json LIKE '%signed K. Li%'"))
                .isEqualTo(1);
    }

    @Test
    void withoutUpstreamConfiguredTheImportAsksOnlyTheLedger() throws Exception {
        long app = finished(10_000, "reissue-no-upstream");
        Path pkg = pkg(app, 10_000);
        printedAndActivatedElsewhere(app, 10_000);
        Path vault = dir.resolve("vault.db");
        long before = activeQueries();
        assertThat(run(List.of("import", "--vault", vault.toString(), "--application", Long.toString(app),
                "--key-file", keyFile.toString(), "--skip-upstream-check", "offline", pkg.toString()))).isEqualTo(1);
        assertThat(err.toString()).contains("--skip-upstream-check: no upstream is configured");
        assertThat(count(vault, "code")).isZero();

        assertThat(run(List.of("import", "--vault", vault.toString(), "--application", Long.toString(app),
                "--key-file", keyFile.toString(), pkg.toString()))).as(err.toString()).isZero();
        assertThat(count(vault, "code")).isEqualTo(10_000);
        assertThat(activeQueries()).isEqualTo(before);
    }

    @Test
    void wechatDownloadIntoAFreshVaultRefusesActivatedCodes() throws Exception {
        long app = finished(10_000, "reissue-download");
        printedAndActivatedElsewhere(app, 10_000);
        Path vault = dir.resolve("vault.db");
        List<String> download = List.of("wechat", "download", "--config", configFile.toString(), "--base-url",
                up.emulator.baseUrl(), "--application", Long.toString(app), "--vault", vault.toString(),
                "--key-file", keyFile.toString(), "--wait");

        assertThat(run(download)).isEqualTo(1);
        assertThat(err.toString()).contains("import refused, the vault keeps what it had: refused: WeChat reports"
                + " index 0 of application " + app + " as already activated");
        assertThat(count(vault, "code")).isZero();

        List<String> accepted = new ArrayList<>(download);
        accepted.addAll(List.of("--accept-reissue-risk", "reprint ordered by QA, signed K. Li"));
        assertThat(run(accepted)).as(err.toString()).isZero();
        assertThat(count(vault, "code")).isEqualTo(10_000);
        assertThat(count(vault, "event WHERE kind = 'REISSUE_RISK_ACCEPTED' AND json LIKE '%signed K. Li%'"))
                .isEqualTo(1);
    }
}
