package io.yima.sim.rig;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of this JVM split into the emulators' threads (printer, scanner, PLC) and the whole process, so a rig
 * or benchmark running the edge in-process can tell the edge's share (process minus emulators, GC and JIT
 * included) from the emulators'. Threads that have ended no longer count.
 */
public final class EmulatorCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private EmulatorCpu() {
    }

    /** CPU nanoseconds of the live emulator threads. */
    public static long emulatorNanos() {
        long total = 0;
        for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            String n = t.getThreadName();
            if (n.startsWith("print") || n.startsWith("scanner") || n.startsWith("plc")) {
                total += Math.max(0, THREADS.getThreadCpuTime(t.getThreadId()));
            }
        }
        return total;
    }

    /** CPU nanoseconds of the whole process. */
    public static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
