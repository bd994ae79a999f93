package io.yima.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release tarball as a line PC receives it: unpacked with tar, launched through bin/yima-edge, its systemd
 * unit checked with systemd-analyze. Runs at verify, after package has written dist/yima-edge-VERSION.tar.gz.
 */
class BundleIT {

    private static final String VERSION = System.getProperty("bundle.version");
    private static final Path TARBALL = Path.of(System.getProperty("bundle"));

    @TempDir
    static Path unpacked;
    static Path root;

    @BeforeAll
    static void unpack() throws Exception {
        assertThat(TARBALL).exists();
        Result tar = run(List.of("tar", "-xzf", TARBALL.toString(), "-C", unpacked.toString()), Map.of());
        assertThat(tar.exit).as(tar.output).isZero();
        root = unpacked.resolve("yima-edge-" + VERSION);
    }

    @Test
    void holdsBothJarsTheConfigsTheSystemdFilesAndTheLauncher() {
        for (String file : List.of("lib/yima-edge.jar", "lib/yima-sim.jar", "bin/yima-edge", "bin/yima-sim",
                "config/README.md",
                "systemd/yima-edge.service", "systemd/sysusers.d/yima-edge.conf",
                "systemd/tmpfiles.d/yima-edge.conf", "systemd/README.md", "systemd/edge.yaml.example",
                "docs/operations.md", "README.md")) {
            assertThat(root.resolve(file)).as(file).isRegularFile();
        }
    }

    @Test
    void theLauncherIsExecutableAndStartsTheEdge() throws Exception {
        assertThat(Files.getPosixFilePermissions(root.resolve("bin/yima-edge")))
                .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        Result version = run(List.of(root.resolve("bin/yima-edge").toString(), "--version"),
                Map.of("JAVA_HOME", System.getProperty("java.home"), "JAVA_OPTS", "-Xmx64m -Xss512k"));
        assertThat(version.exit).as(version.output).isZero();
        assertThat(version.output.strip()).isEqualTo("yima-edge " + VERSION);
    }

    @Test
    void theLauncherWorksThroughASymlink() throws Exception {
        Path link = Files.createSymbolicLink(unpacked.resolve("yima-edge-link"), root.resolve("bin/yima-edge"));
        Result help = run(List.of(link.toString(), "--help"), Map.of("JAVA_HOME", System.getProperty("java.home")));
        assertThat(help.exit).as(help.output).isZero();
        assertThat(help.output).contains("Usage: yima-edge");
    }

    @Test
    void theSimulatorLauncherStartsTheSimulator() throws Exception {
        Result help = run(List.of(root.resolve("bin/yima-sim").toString(), "--help"),
                Map.of("JAVA_HOME", System.getProperty("java.home")));
        assertThat(help.exit).as(help.output).isZero();
        assertThat(help.output).contains("Usage: yima-sim");
    }

    @Test
    void theBundleReadmeSpeaksOfTheBundleNotOfTheSourceTree() throws Exception {
        String readme = Files.readString(root.resolve("README.md"));
        assertThat(readme).contains("bin/yima-sim demo", "systemd/README.md");
        assertThat(readme).doesNotContain("run-demo.sh", "mvn ", "target/");
        for (Matcher m = Pattern.compile("`((?:bin|config|systemd|docs)/[^` ]+)`").matcher(readme); m.find(); ) {
            assertThat(root.resolve(m.group(1))).as("the README names %s", m.group(1)).exists();
        }
    }

    /**
     * docs/setup.md followed end to end from the bundle, with the simulator standing in for WeChat, the printer,
     * the reader and the PLC: secrets, apply → query → download, the edge started, a job typed by hand over the PLC
     * protocol, status, the job's account and the activation.
     */
    @Test
    void theSetupGuideWalksThroughFromTheBundleOnTheSimulator() throws Exception {
        Result walk = run(List.of("bash", root.resolve("docs/setup-walkthrough.sh").toString()),
                Map.of("JAVA_HOME", System.getProperty("java.home")));
        assertThat(walk.exit).as(walk.output).isZero();
        assertThat(walk.output).as(walk.output).contains("imported 10000", "< ACK,2,JOB-1",
                "< CLOSED,7,JOB-1,3,", "Activation outbox:", "\"activated\":3", "walkthrough complete");
        String setup = Files.readString(root.resolve("docs/setup.md"));
        for (String command : List.of("wechat apply", "wechat query", "wechat download", "HELLO,1,1,",
                "START,2,JOB-1,SKU-TEA-250,BATCH-0001,3", "status --url")) {
            assertThat(setup).as("docs/setup.md shows what the walkthrough runs: %s", command).contains(command);
        }
    }

    @Test
    void theShippedUnitHasAnExposureOfAtMostOnePointFive() throws Exception {
        Result analysis = run(List.of("systemd-analyze", "security", "--offline=yes",
                root.resolve("systemd/yima-edge.service").toString()), Map.of());
        Matcher m = Pattern.compile("Overall exposure level for yima-edge\\.service: (\\d+\\.\\d+)")
                .matcher(analysis.output);
        assertThat(m.find()).as(analysis.output).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isLessThanOrEqualTo(1.5);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Map<String, String> env) throws IOException,
            InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), output);
    }
}
