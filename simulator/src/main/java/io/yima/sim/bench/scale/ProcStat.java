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
            return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * utime + stime of the JVM's JIT compiler threads ({@code C1 CompilerThread…}, {@code C2 CompilerThread…}) in
     * clock ticks: warm-up work, which the edge's CPU per label includes while its code still compiles. A compiler
     * thread that ended in between is not counted. -1 when the threads cannot be read.
     */
    static long compilerTicks(long pid) {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            long sum = 0;
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        sum += ticks(stat);
                    }
                } catch (IOException e) {
                    // the thread ended while listed
                }
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long ticks(String stat) {
        // the command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 overall
    }
}
