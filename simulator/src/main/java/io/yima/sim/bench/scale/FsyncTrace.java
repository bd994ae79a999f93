package io.yima.sim.bench.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Counts the edge's fsyncs: the edge runs under {@code strace -f --seccomp-bpf -e trace=fsync,fdatasync -ttt}, so
 * only those two system calls stop the process (the others run untraced) and each leaves one line with its wall
 * clock time; the measured phase's count is the lines between its start and end.
 */
final class FsyncTrace {
    private final Path file;

    FsyncTrace(Path file) {
        this.file = file;
    }

    /** The command prefix that starts the edge under strace. */
    List<String> wrapper() {
        return List.of("strace", "-f", "--seccomp-bpf", "-qq", "-e", "trace=fsync,fdatasync", "-e", "signal=none",
                "-ttt", "-o", file.toString());
    }

    /** fsync and fdatasync calls that began between the two wall-clock times (epoch ms). */
    long between(long fromMillis, long toMillis) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.contains("fsync(") || l.contains("fdatasync("))
                    .filter(l -> l.indexOf("resumed>") < 0)
                    .mapToDouble(FsyncTrace::time)
                    .filter(t -> t * 1000 >= fromMillis && t * 1000 <= toMillis)
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code PID 1765050000.123456 fsync(12) = 0}: the second field. */
    private static double time(String line) {
        String[] f = line.trim().split("\\s+", 3);
        try {
            return Double.parseDouble(f[1]);
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
