package io.yima.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.cli.YimaEdge;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code yima-edge wechat ...} driven in-process against the emulator. */
class WechatCliIT {
    @TempDir
    Path dir;
    EmulatedUpstream up;
    Path secretFile;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        up = new EmulatedUpstream();
        secretFile = Files.writeString(dir.resolve("secret"), EmulatedUpstream.SECRET + "\n");
    }

    @AfterEach
    void stop() {
        up.close();
    }

    Run wechat(String... args) {
        CommandLine cli = YimaEdge.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("wechat"));
        all.addAll(List.of(args));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    String[] connection() {
        return new String[] {"--base-url", up.emulator.baseUrl(), "--appid", "wxAPP", "--secret-file", secretFile.toString()};
    }

    String[] with(String sub, String... args) {
        List<String> all = new ArrayList<>(List.of(sub));
        all.addAll(List.of(connection()));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    @Test
    void applyQueryAndActivateStatusPrintWhatWechatAnswers() {
        Run apply = wechat(with("apply", "--count", "20000", "--isv-id", "cli-1"));
        assertThat(apply.exit()).as(apply.err()).isZero();
        long app = Long.parseLong(apply.out().lines().findFirst().orElseThrow().replace("application_id: ", ""));

        Run query = wechat(with("query", "--isv-id", "cli-1"));
        assertThat(query.out()).contains("application_id: " + app, "status: FINISH", "ranges: 2, codes: 20000",
                "  10000..19999");

        Run before = wechat(with("activate-status", "--application", String.valueOf(app), "--index", "7"));
        assertThat(before.out()).contains("code_index: 7", "activated: no");
        up.client().activate(app, new CodeRange(5, 9), EmulatedUpstream.fields("cli"));
        Run after = wechat(with("activate-status", "--application", String.valueOf(app), "--index", "7"));
        assertThat(after.out()).contains("activated: yes, range 5..9", "activity_name: cli", "wxa_type: 0");

        up.emulator.scan("openid-9", "tk-9", app, 8);
        assertThat(wechat(with("ticket", "--openid", "openid-9", "--ticket", "tk-9")).out())
                .contains("code_index: 8", "activated: yes");
        assertThat(apply.out() + query.out() + after.out() + apply.err()).doesNotContain(EmulatedUpstream.SECRET);
    }

    @Test
    void badInputGetsASpecificError() throws Exception {
        Run count = wechat(with("apply", "--count", "15000", "--isv-id", "x"));
        assertThat(count.exit()).isEqualTo(1);
        assertThat(count.err()).contains("--count must be a multiple of 10000");

        Run foreign = wechat(with("query", "--application", "999"));
        assertThat(foreign.exit()).isEqualTo(1);
        assertThat(foreign.err()).contains("errcode 80301", "does not belong to this account");

        Run index = wechat(with("activate-status", "--application", "1"));
        assertThat(index.err()).contains("--application needs --index");

        Run noSecret = wechat("query", "--base-url", up.emulator.baseUrl(), "--appid", "wxAPP", "--isv-id", "x");
        assertThat(noSecret.err()).contains("no app secret", "YIMA_WECHAT_SECRET");

        Path config = Files.writeString(dir.resolve("edge.yaml"), "upstream:\n  base_url: ftp://nowhere\n  appid: wx\n");
        Run badUrl = wechat("query", "--config", config.toString(), "--isv-id", "x");
        assertThat(badUrl.err()).contains("upstream.base_url: must be an http(s) URL");

        Path typo = Files.writeString(dir.resolve("typo.yaml"), "upstream:\n  base_urll: http://x\n");
        assertThat(wechat("query", "--config", typo.toString(), "--isv-id", "x").err())
                .contains("upstream.base_urll: unknown key");

        // the whole file is the edge's config, read as run reads it: a key run would refuse is refused here too
        Path line = Files.writeString(dir.resolve("line.yaml"), "line: demo\nupstream:\n  appid: wx\n");
        assertThat(wechat("query", "--config", line.toString(), "--isv-id", "x").err())
                .contains("line: unknown key");

        Path badDuration = Files.writeString(dir.resolve("dur.yaml"), "upstream:\n  appid: wx\n  request_timeout: soon\n");
        assertThat(wechat("query", "--config", badDuration.toString(), "--isv-id", "x").err())
                .contains("upstream.request_timeout");
    }

    @Test
    void configFileSuppliesTheConnection() throws Exception {
        Path config = Files.writeString(dir.resolve("edge.yaml"), "upstream:\n"
                + "  base_url: " + up.emulator.baseUrl() + "\n  appid: wxAPP\n  secret_file: " + secretFile + "\n"
                + "  request_timeout: 2s\n  max_attempts: 2\n  backoff_min: 10ms\n  backoff_max: 20ms\n");
        Run apply = wechat("apply", "--config", config.toString(), "--count", "10000", "--isv-id", "from-config");
        assertThat(apply.exit()).as(apply.err()).isZero();
        assertThat(apply.out()).startsWith("application_id: ");
    }
}
