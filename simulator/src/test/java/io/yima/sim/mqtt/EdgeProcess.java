package io.yima.sim.mqtt;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/** The real edge in a process of its own (so a test can SIGKILL it), on the test's class path, logging to a file. */
final class EdgeProcess {
    private EdgeProcess() {
    }

    static Process start(Path config, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                classPath, "io.yima.cli.YimaEdge", "run", "--config", config.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(new File(log.toString())))
                .start();
    }
}
