package io.yima.sim.crash;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The lazyfs layer ({@code src/test/resources/lazyfs/lazyfs.py}, a FUSE passthrough) mounted over a backing folder:
 * writes stay in its memory until the writer fsyncs them, and {@link #cut()} drops every unsynced write, as a power
 * cut drops the page cache. After a cut, {@link #unmount()} and {@link #mount()} again show what the disk kept.
 */
final class LazyFs implements AutoCloseable {
    /** Debian's python3-fusepy installs into the system Python, which a PATH python (pyenv, venv) may not be. */
    static final String PYTHON = System.getProperty("lazyfs.python", "/usr/bin/python3");
    static final String INSTALL_HINT = "power-cut tests need FUSE and fusepy: apt-get install -y fuse3 python3-fusepy "
            + "(and /dev/fuse with root or CAP_SYS_ADMIN; another Python: -Dlazyfs.python=PATH)";

    private final Path backing;
    private final Path mount;
    private final Path log;
    private Process process;

    LazyFs(Path backing, Path mount, Path log) throws IOException {
        this.backing = Files.createDirectories(backing);
        this.mount = Files.createDirectories(mount);
        this.log = log;
    }

    /** Fails (never skips) with what to install when this machine cannot run the layer. */
    static void requirePrerequisites() throws IOException, InterruptedException {
        if (!Files.exists(Path.of("/dev/fuse"))) {
            throw new AssertionError("/dev/fuse is missing; " + INSTALL_HINT);
        }
        if (!Files.isExecutable(Path.of("/usr/bin/fusermount3")) && findOnPath("fusermount3") == null) {
            throw new AssertionError("fusermount3 is missing; " + INSTALL_HINT);
        }
        Process p = new ProcessBuilder(PYTHON, "-c", "import fusepy").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(PYTHON + " cannot import fusepy (" + out.strip() + "); " + INSTALL_HINT);
        }
    }

    private static Path findOnPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    Path mountPoint() {
        return mount;
    }

    /** Mounts the layer over the backing folder and returns once the kernel shows the mount. */
    void mount() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(PYTHON, script().toString(), backing.toString(), mount.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = pb.start();
        Process p = process;
        Awaitility.await("lazyfs mounted on " + mount).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20)).until(() -> {
                    if (!p.isAlive()) {
                        throw new AssertionError("lazyfs exited with " + p.exitValue() + " (see " + log + "); "
                                + INSTALL_HINT);
                    }
                    return mounted();
                });
    }

    /**
     * The power goes out: every write not yet fsynced is gone, and the mount answers nothing but EIO from now on.
     * Kill the writers first: a live writer could fsync between its last write and the cut.
     */
    void cut() throws IOException {
        Files.writeString(mount.resolve(".lazyfs-control"), "cut");
    }

    /** Unmounts and waits for the layer to exit. */
    void unmount() throws IOException, InterruptedException {
        if (process == null) {
            return;
        }
        Process u = new ProcessBuilder("fusermount3", "-u", mount.toString()).redirectErrorStream(true).start();
        String out = new String(u.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (u.waitFor() != 0) {
            throw new IOException("fusermount3 -u " + mount + " failed: " + out.strip());
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("lazyfs did not exit after unmount; see " + log);
        }
        process = null;
    }

    boolean mounted() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
            String[] f = line.split(" ");
            if (f.length > 2 && f[1].equals(mount.toString()) && f[2].startsWith("fuse")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        unmount();
    }

    static Path script() {
        URL url = LazyFs.class.getResource("/lazyfs/lazyfs.py");
        if (url == null) {
            throw new AssertionError("lazyfs/lazyfs.py is not on the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    List<String> log() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }
}
