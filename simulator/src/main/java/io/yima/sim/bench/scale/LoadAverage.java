package io.yima.sim.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's 1/5/15-minute load average, recorded with every figure because the machine is shared. */
final class LoadAverage {
    private LoadAverage() {
    }

    static String now() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
