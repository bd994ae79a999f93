package io.yima.sim.cli;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Keeps a device command alive until Ctrl-C, then closes what it started. */
final class RunUntilInterrupted {
    private RunUntilInterrupted() {
    }

    static int run(List<? extends Closeable> devices) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Closeable c : devices) {
                try {
                    c.close();
                } catch (IOException e) {
                    // shutting down anyway
                }
            }
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
