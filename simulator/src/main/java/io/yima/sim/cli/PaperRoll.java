package io.yima.sim.cli;

import io.yima.sim.printer.PrinterFaults;
import java.io.PrintStream;
import java.time.Instant;

/**
 * The rig's paper-out: the roll ends after N labels, the moment it does is printed (wall clock, to compare with
 * the edge's log of the printer fault), and a new roll is loaded a while later so the job can finish.
 */
final class PaperRoll {
    private PaperRoll() {
    }

    static void runOutAndReload(PrinterFaults f, int labels, long reloadAfterMs, PrintStream out) {
        f.paperOutAfter(labels);
        Thread t = new Thread(() -> {
            try {
                while (!f.paperOut()) {
                    Thread.sleep(2); // a bench tool's watch: 2 ms is the resolution of the reported moment
                }
                out.println("rig: paper ran out at " + Instant.now() + " (after " + labels + " labels)");
                Thread.sleep(reloadAfterMs);
                f.loadPaper();
                out.println("rig: new roll loaded at " + Instant.now());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rig-paper-roll");
        t.setDaemon(true);
        t.start();
    }
}
