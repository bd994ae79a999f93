package io.yima.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
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

    /**
     * The label font (the default of {@code label.font} when the edge runs from the bundle) is the whole
     * WenQuanYi Micro Hei collection, with its copyright file and the Apache-2.0 text that file refers to.
     */
    @Test
    void carriesTheLabelFontAndItsLicense() throws Exception {
        Path font = root.resolve("fonts/wqy-microhei.ttc");
        assertThat(font).isRegularFile();
        assertThat(Files.size(font)).as("the whole font, not a stub").isGreaterThan(4_000_000);
        byte[] head = Arrays.copyOf(Files.readAllBytes(font), 4);
        assertThat(new String(head, StandardCharsets.US_ASCII)).as("a TrueType collection").isEqualTo("ttcf");
        assertThat(Files.readString(root.resolve("fonts/wqy-microhei.copyright")))
                .contains("WenQuanYi Micro Hei", "License: Apache-2.0 or GPL-3+ with Font exception");
        assertThat(Files.readString(root.resolve("fonts/LICENSE-Apache-2.0.txt")))
                .contains("Apache License", "Version 2.0", "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION");
    }

    /**
     * One lib/ for both programs and every library in it once: the simulator's jar carries its own classes and the
     * emulators' only and reaches the edge and the libraries through its manifest; no file is in the bundle's jars
     * twice.
     */
    @Test
    void libHoldsEachLibraryOnce() throws Exception {
        try (Stream<Path> lib = Files.list(root.resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("yima-edge.jar", "yima-sim.jar");
        }
        Map<String, List<String>> jarsHolding = new TreeMap<>();
        for (String jar : List.of("yima-edge.jar", "yima-sim.jar")) {
            try (ZipFile zip = new ZipFile(root.resolve("lib").resolve(jar).toFile())) {
                zip.stream().filter(e -> !e.isDirectory() && !e.getName().equals("META-INF/MANIFEST.MF"))
                        .forEach(e -> jarsHolding.computeIfAbsent(e.getName(), k -> new ArrayList<>()).add(jar));
            }
        }
        List<String> heldTwice = jarsHolding.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey).toList();
        assertThat(heldTwice.size()).as("files held more than once, e.g. %s", heldTwice.stream().limit(10).toList())
                .isZero();
        // the libraries the two programs share are in the edge jar, once
        for (String library : List.of("org/sqlite/JDBC.class", "com/fazecast/jSerialComm/SerialPort.class",
                "io/netty/channel/Channel.class", "com/digitalpetri/modbus/tcp/server/NettyTcpServerTransport.class",
                "ch/qos/logback/classic/Logger.class", "picocli/CommandLine.class", "com/google/zxing/Writer.class")) {
            assertThat(jarsHolding.get(library)).as(library).containsExactly("yima-edge.jar");
        }
        List<String> notSimulator = jarsHolding.entrySet().stream().filter(e -> e.getValue().contains("yima-sim.jar"))
                .map(Map.Entry::getKey)
                .filter(f -> !f.matches("io/yima/sim/.*|META-INF/maven/io\\.yima/(simulator|emulators)/.*")).toList();
        assertThat(notSimulator.size()).as("the simulator jar holds only the simulator and the emulators, not e.g. %s",
                notSimulator.stream().limit(10).toList()).isZero();
        try (JarFile sim = new JarFile(root.resolve("lib/yima-sim.jar").toFile())) {
            assertThat(sim.getManifest().getMainAttributes().getValue("Class-Path")).isEqualTo("yima-edge.jar");
        }
    }

    /**
     * The edge jar carries the native libraries a Linux line PC loads (glibc; x86_64, aarch64, 32-bit ARMv7 - the
     * choice is explained in the root pom) and nothing for other systems: no Windows, macOS or BSD libraries, no
     * Netty natives (the edge's links are NIO), and none of the Netty codecs it never uses.
     */
    @Test
    void theEdgeJarHoldsLinuxNativesOnlyAndNoUnusedCodecs() throws Exception {
        List<String> entries;
        try (ZipFile edge = new ZipFile(root.resolve("lib/yima-edge.jar").toFile())) {
            entries = edge.stream().map(ZipEntry::getName).toList();
        }
        assertThat(entries.stream().filter(n -> n.matches("(?i).*\\.(so|dll|dylib|jnilib)$")).sorted())
                .containsExactly(
                        "Linux/armv7hf/libjSerialComm.so", "Linux/armv8_32/libjSerialComm.so",
                        "Linux/armv8_64/libjSerialComm.so", "Linux/x86_64/libjSerialComm.so",
                        "org/sqlite/native/Linux/aarch64/libsqlitejdbc.so",
                        "org/sqlite/native/Linux/armv7/libsqlitejdbc.so",
                        "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so");
        assertThat(entries).noneMatch(n -> n.startsWith("META-INF/native/"));
        for (String unused : List.of("io/netty/handler/codec/http2/", "io/netty/handler/codec/http3/",
                "io/netty/handler/codec/quic/", "io/netty/handler/codec/mqtt/", "io/netty/handler/codec/redis/",
                "io/netty/handler/codec/smtp/", "io/netty/handler/codec/stomp/", "io/netty/handler/codec/memcache/",
                "io/netty/handler/codec/dns/", "io/netty/handler/codec/haproxy/", "io/netty/handler/codec/xml/",
                "io/netty/handler/codec/protobuf/", "io/netty/handler/codec/marshalling/",
                "io/netty/handler/codec/socks", "io/netty/channel/epoll/", "io/netty/channel/kqueue/",
                "io/netty/channel/uring/", "io/netty/channel/sctp/", "io/netty/channel/udt/",
                "io/netty/channel/rxtx/", "io/netty/resolver/dns/")) {
            assertThat(entries).as("the edge jar holds no %s", unused).noneMatch(n -> n.startsWith(unused));
        }
    }

    /** The simulator from lib/: its thin jar runs the whole demo line on the edge jar (PLC over Modbus TCP). */
    @Test
    void theSimulatorDemoRunsFromTheBundle() throws Exception {
        Result demo = run(List.of(root.resolve("bin/yima-sim").toString(), "demo", "--codes", "2000", "--items",
                "100", "--rate", "50", "--plc", "modbus-server"), Map.of("JAVA_HOME", System.getProperty("java.home")));
        assertThat(demo.exit).as(demo.output).isZero();
        assertThat(demo.output).as(demo.output).contains("balanced: no code left RESERVED or SENT",
                "demo finished: every code accounted for");
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
