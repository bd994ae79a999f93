package io.yima.sim.rig;

import io.yima.cli.YimaEdge;
import java.nio.file.Path;

/**
 * The real edge in this JVM, through its public entry point: {@code yima-edge run --config FILE} on a thread.
 * The daemon runs until the thread is interrupted.
 */
public final class InProcessEdge implements EdgeUnderTest {
    private Thread thread;
    private volatile Integer exitCode;

    @Override
    public void start(Path configFile) {
        thread = new Thread(() -> exitCode = YimaEdge.commandLine().execute("run", "--config", configFile.toString()),
                "edge-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    /** The daemon's exit code if it has ended (e.g. refused the config), else null. */
    public Integer exitCode() {
        return exitCode;
    }

    @Override
    public String ended() {
        Integer code = exitCode;
        return code == null ? null : "the in-process edge exited with code " + code;
    }

    @Override
    public void stop() {
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
