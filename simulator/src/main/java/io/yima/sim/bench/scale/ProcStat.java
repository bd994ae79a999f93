package io.yima.sim.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of another process from {@code /proc/<pid>/stat} (utime + stime, fields 14 and 15, in clock ticks of
 * 1/100 s on Linux): what the kernel charged the edge, whatever its threads did.
 */
final class ProcStat {
    /** USER_HZ: 100 on every Linux this runs on ({@code getconf CLK_TCK}). */
    static final double TICK_MS = 10.0;

    private ProcStat() {
    }

    /** utime + stime of {@code pid} in clock ticks; -1 when the file cannot be read. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 overall
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
