package io.yima.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/setup.md followed literally on the release bundle: its {@code ```bash} blocks are extracted and run in the
 * order they appear, in one bash, with only the variables of the guide's step 0 set to a temporary folder and to the
 * simulator's emulators (the substitutions the guide itself documents). Blocks fenced {@code ```sh} need root and
 * systemd and are not run, except that {@code systemctl enable --now yima-edge} becomes the shipped unit's own
 * {@code ExecStart=} started in the background. No second copy of the steps exists: change the guide and this test
 * runs the change.
 */
class SetupGuideIT {

    private static final String VERSION = System.getProperty("bundle.version");
    private static final Path TARBALL = Path.of(System.getProperty("bundle"));
    /** The package key the WeChat emulator encrypts with, typed into the guide's key prompt (16 characters). */
    private static final String PACKAGE_KEY = "guide16charkey!!";
    private static final String APP_SECRET = "guide-app-secret-0001";
    private static final String APPID = "wxguide000000001";

    @TempDir
    static Path tmp;
    static Path root;
    static String guide;
    static List<Block> blocks;
    static final List<Process> emulators = new ArrayList<>();

    record Block(String language, String code, int line) {
    }

    @BeforeAll
    static void unpackAndReadTheGuide() throws Exception {
        Path unpacked = Files.createDirectories(tmp.resolve("bundle"));
        Process tar = new ProcessBuilder("tar", "-xzf", TARBALL.toString(), "-C", unpacked.toString())
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).isZero();
        root = unpacked.resolve("yima-edge-" + VERSION);
        guide = Files.readString(root.resolve("docs/setup.md"));
        blocks = blocks(guide);
    }

    @AfterAll
    static void stopEmulators() {
        emulators.forEach(Process::destroy);
    }

    static List<Block> blocks(String markdown) {
        List<Block> found = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^```(\\w*)\\n(.*?)^```$", Pattern.DOTALL).matcher(markdown);
        while (m.find()) {
            int line = (int) markdown.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            found.add(new Block(m.group(1), m.group(2), line));
        }
        return found;
    }

    private static int firstBlock(String contains, String language) {
        for (int i = 0; i < blocks.size(); i++) {
            if ((language == null || blocks.get(i).language().equals(language))
                    && blocks.get(i).code().contains(contains)) {
                return i;
            }
        }
        return -1;
    }

    /** The whole guide, from unpacking the tarball to a job of three items and its report, on the simulator. */
    @Test
    void theGuidesBashBlocksRunInOrderOnTheBundleAgainstTheSimulator() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("line-pc"));
        Files.copy(TARBALL, work.resolve("yima-edge-" + VERSION + ".tar.gz"));
        Path sim = Files.createDirectories(tmp.resolve("sim"));
        Files.writeString(sim.resolve("app.key"), PACKAGE_KEY);
        Files.writeString(sim.resolve("wechat.secret"), APP_SECRET);
        String javaHome = System.getProperty("java.home");

        String wechatUrl = startEmulator("wechat emulator listening on ", List.of("wechat", "--port", "0",
                "--key-file", sim.resolve("app.key").toString(), "--appid", APPID,
                "--secret-file", sim.resolve("wechat.secret").toString(), "--generation-delay", "1"), javaHome);
        String ports = startEmulator("line-emulators ready ", List.of("line-emulators", "--printer-port", "0",
                "--scanner-port", "0", "--exit-on-stdin-eof"), javaHome);
        Matcher p = Pattern.compile("printer=(\\d+) scanner=(\\d+)").matcher(ports);
        assertThat(p.find()).as(ports).isTrue();

        // step 0's variables, as the guide documents: paths in a temporary folder, the emulators for the devices
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", javaHome);
        env.put("YIMA_VERSION", VERSION);
        env.put("YIMA_OPT", Files.createDirectories(work.resolve("opt")).toString());
        env.put("YIMA_BIN", Files.createDirectories(work.resolve("usr-local-bin")).toString());
        env.put("YIMA_ETC", work.resolve("etc/yima-edge").toString());
        env.put("YIMA_VAR", work.resolve("var/lib/yima-edge").toString());
        env.put("YIMA_USER", output(List.of("id", "-un")));
        env.put("YIMA_GROUP", output(List.of("id", "-gn")));
        env.put("WECHAT_URL", wechatUrl);
        env.put("WECHAT_APPID", APPID);
        env.put("WECHAT_SECRET", APP_SECRET);
        env.put("PACKAGE_KEY", PACKAGE_KEY);
        env.put("PRINTER", "127.0.0.1:" + p.group(1));
        env.put("SCANNER", "127.0.0.1:" + p.group(2));
        env.put("PLC_BIND", "127.0.0.1");
        env.put("PLC_PORT", Integer.toString(freePort()));
        env.put("STATUS_PORT", Integer.toString(freePort()));
        env.put("BACKUP_DIR", Files.createDirectories(work.resolve("mnt/backup")).toString());
        // as /usr/local/bin is on a line PC's PATH; the bundle's bin/ is not: the guide must link the commands
        env.put("PATH", env.get("YIMA_BIN") + ":" + System.getenv("PATH"));

        Path script = work.resolve("guide.sh");
        Files.writeString(script, script(work));
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(work.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(work.resolve("guide.out").toFile());
        pb.environment().putAll(env);
        Process guideRun = pb.start();
        boolean ended = guideRun.waitFor(300, TimeUnit.SECONDS);
        if (!ended) {
            guideRun.destroyForcibly();
        }
        String out = Files.readString(work.resolve("guide.out"));
        String edgeLog = Files.exists(work.resolve("edge.log")) ? Files.readString(work.resolve("edge.log")) : "";
        String report = out + "\n--- edge.log ---\n" + edgeLog;
        // kept for whoever reads a failure, or wants to see the guide's commands answer (dist/target/)
        Files.writeString(Files.createDirectories(Path.of("target")).resolve("setup-guide-rehearsal.log"), report);
        assertThat(ended).as(report).isTrue();
        assertThat(guideRun.exitValue()).as(report).isZero();

        assertThat(out).as(report).containsPattern("application_id: \\d+")
                .contains("yima-edge " + VERSION, "results: {OK=3}");
        assertThat(out).as(report).containsPattern("\"bound\"\\s*:\\s*3,")
                .containsPattern("\"balanced\"\\s*:\\s*true");
        assertThat(out).as("no secret is echoed by the guide's commands").doesNotContain(PACKAGE_KEY, APP_SECRET);
        assertThat(edgeLog).as("no secret in the edge's log").doesNotContain(PACKAGE_KEY, APP_SECRET);
        // the secrets went where the guide says, readable by the group only
        assertThat(Files.readString(work.resolve("etc/yima-edge/keys/package.key"))).isEqualTo(PACKAGE_KEY);
        assertThat(output(List.of("stat", "-c", "%a", work.resolve("etc/yima-edge/wechat.secret").toString())))
                .isEqualTo("640");
    }

    /** The bash the guide turns into: the blocks in order, each announced with the line it starts on. */
    private static String script(Path work) throws IOException {
        StringBuilder s = new StringBuilder();
        s.append("set -euo pipefail\n");
        s.append("edge_pid=\n");
        s.append("trap '[ -z \"$edge_pid\" ] || kill \"$edge_pid\" 2>/dev/null || true' EXIT\n");
        int ran = 0;
        for (Block b : blocks) {
            if (b.language().equals("bash")) {
                s.append("echo '=== docs/setup.md line ").append(b.line()).append("'\n").append(b.code()).append('\n');
                ran++;
            } else if (b.language().equals("sh") && b.code().contains("systemctl enable --now yima-edge")) {
                s.append("echo '=== docs/setup.md line ").append(b.line())
                        .append(": systemctl enable --now yima-edge, as the unit runs it'\n")
                        .append(serviceStart(work));
            }
        }
        assertThat(ran).as("bash blocks in docs/setup.md").isGreaterThan(5);
        return s.toString();
    }

    /**
     * What systemd does for {@code systemctl enable --now yima-edge}, read from the shipped unit (ExecStart,
     * WorkingDirectory, JAVA_OPTS) with its paths mapped onto step 0's variables; returns once the edge says it runs.
     */
    private static String serviceStart(Path work) throws IOException {
        String unit = Files.readString(root.resolve("systemd/yima-edge.service"));
        String exec = unitValue(unit, "ExecStart");
        String dir = unitValue(unit, "WorkingDirectory");
        Matcher opts = Pattern.compile("(?m)^Environment=\"?JAVA_OPTS=([^\"\n]*)\"?$").matcher(unit);
        assertThat(opts.find()).as("the unit sets JAVA_OPTS").isTrue();
        String javaOpts = opts.group(1);
        String mapped = mapPaths(exec);
        assertThat(mapped).as("ExecStart uses the guide's folders: %s", exec).doesNotContain("/opt/", "/etc/");
        String log = work.resolve("edge.log").toString();
        return "( cd " + mapPaths(dir) + " && JAVA_OPTS='" + javaOpts + "' exec " + mapped + " ) > '" + log
                + "' 2>&1 &\n"
                + "edge_pid=$!\n"
                + "grep -q -m1 'edge running' < <(timeout 90 tail -n +1 -F '" + log + "' 2>/dev/null) || true\n"
                + "grep -q 'edge running' '" + log + "' || { echo 'the service did not start:'; cat '" + log
                + "'; exit 1; }\n"
                + "cat '" + log + "'\n";
    }

    private static String mapPaths(String s) {
        return s.replace("/opt/yima-edge/", "\"$YIMA_OPT\"/yima-edge/").replace("/etc/yima-edge/", "\"$YIMA_ETC\"/")
                .replace("/var/lib/yima-edge", "\"$YIMA_VAR\"");
    }

    private static String unitValue(String unit, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + "=(.*)$").matcher(unit);
        assertThat(m.find()).as("%s= in the unit", key).isTrue();
        return m.group(1).strip();
    }

    /** Every tool the guide's commands call beyond a base system is in its install line. */
    @Test
    void theGuideInstallsEveryToolItsCommandsUse() {
        int install = firstBlock("apt-get install", null);
        assertThat(install).as("an apt-get install block").isGreaterThanOrEqualTo(0);
        String installed = blocks.get(install).code();
        for (String tool : List.of("socat", "nc", "curl", "openssl", "sqlite3", "jq", "python3", "mosquitto_sub")) {
            Pattern used = Pattern.compile("(?m)(^|[|;&(]|\\$\\()\\s*" + Pattern.quote(tool) + "\\s");
            for (int i = 0; i < blocks.size(); i++) {
                if (used.matcher(blocks.get(i).code()).find()) {
                    assertThat(installed).as("docs/setup.md line %d uses %s", blocks.get(i).line(), tool)
                            .containsPattern("\\s" + Pattern.quote(tool) + "(\\s|$)");
                    assertThat(i).as("%s is installed before line %d uses it", tool, blocks.get(i).line())
                            .isGreaterThan(install);
                }
            }
        }
    }

    /**
     * The order a person types it in: the service group exists before a file is given to it, the key is in the
     * config before the download that decrypts with it, and the vault exists before the service starts (run never
     * makes one). The rehearsal cannot see the first (it runs as its own group), so it is checked here.
     */
    @Test
    void eachStepComesAfterWhatItNeeds() {
        int sysusers = firstBlock("systemd-sysusers", "sh");
        int firstGroupUse = -1;
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).code().matches("(?s).*-g \"\\$YIMA_GROUP\".*|(?s).*chgrp \"\\$YIMA_GROUP\".*")) {
                firstGroupUse = i;
                break;
            }
        }
        assertThat(sysusers).isGreaterThanOrEqualTo(0);
        assertThat(firstGroupUse).as("a block giving files to the service group").isGreaterThanOrEqualTo(0);
        assertThat(sysusers).as("systemd-sysusers (line %d) before the first use of the group (line %d)",
                blocks.get(sysusers).line(), blocks.get(firstGroupUse).line()).isLessThan(firstGroupUse);

        int keyInConfig = firstBlock("key_file:", "bash");
        int download = firstBlock("wechat download", "bash");
        int start = firstBlock("systemctl enable --now yima-edge", "sh");
        assertThat(keyInConfig).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(download);
        assertThat(blocks.get(download).code().indexOf("key_file:"))
                .as("key_file written before the download in the same block")
                .isLessThan(blocks.get(download).code().indexOf("wechat download"));
        assertThat(download).as("the vault is made before the service starts").isLessThan(start);
        int linesConfigured = firstBlock("lines:", "bash");
        assertThat(linesConfigured).as("the config is complete before the service starts").isLessThan(start);
        int path = firstBlock("\"$YIMA_BIN/\"", "bash");
        int firstBareCommand = firstBlock("yima-edge --version", "bash");
        assertThat(path).as("yima-edge is put on the PATH").isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(firstBareCommand);
    }

    /**
     * The blocks the rehearsal does not run (root, systemd), and the short form in systemd/README.md, are at least
     * valid shell as a person pastes them.
     */
    @Test
    void everyShellBlockParses() throws Exception {
        List<Block> all = new ArrayList<>(blocks);
        all.addAll(blocks(Files.readString(root.resolve("systemd/README.md"))));
        for (Block b : all) {
            if (b.language().equals("sh") || b.language().equals("bash")) {
                Process p = new ProcessBuilder("bash", "-n").redirectErrorStream(true).start();
                p.getOutputStream().write(b.code().getBytes(StandardCharsets.UTF_8));
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as("block at line %d: %s", b.line(), out).isZero();
            }
        }
    }

    /** Both languages in step: every section heading has its Chinese and its English half. */
    @Test
    void everySectionIsInChineseAndEnglish() {
        Matcher h = Pattern.compile("(?m)^## (.*)$").matcher(guide);
        int headings = 0;
        while (h.find()) {
            headings++;
            String heading = h.group(1);
            assertThat(heading).as("heading '%s'", heading).contains("·").containsPattern("[\\u4e00-\\u9fff]")
                    .containsPattern("·\\s*.*[A-Za-z]{3,}");
        }
        assertThat(headings).isGreaterThan(10);
        for (String topic : List.of("PATH", "OPC UA", "nftables", "UTC", "vault backup", "journald", "MQTT")) {
            assertThat(guide).as("the guide covers %s", topic).contains(topic);
        }
    }

    private static String startEmulator(String readyPrefix, List<String> args, String javaHome) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("bin/yima-sim").toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", javaHome);
        pb.environment().put("JAVA_OPTS", "-Xmx128m");
        Process process = pb.start();
        emulators.add(process);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.startsWith(readyPrefix)) {
                String rest = line.substring(readyPrefix.length()).strip();
                Thread drain = new Thread(() -> {
                    try {
                        out.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException e) {
                        // the emulator stopped
                    }
                }, "drain " + args.get(0));
                drain.setDaemon(true);
                drain.start();
                return rest.split(" \\(")[0];
            }
        }
        throw new AssertionError("the " + args.get(0) + " emulator did not start:\n" + seen);
    }

    private static String output(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
