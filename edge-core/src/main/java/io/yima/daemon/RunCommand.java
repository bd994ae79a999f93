package io.yima.daemon;

import io.yima.common.UserFacingException;
import io.yima.edge.ConfigFiles;
import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import io.yima.edge.ListenPorts;
import io.yima.line.LineObserver;
import io.yima.ops.LogFiles;
import io.yima.vault.VaultException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the edge daemon: lines, printers, scanners, PLC ports, status port. Stops on SIGTERM.")
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "The edge's YAML configuration file.")
    Path config;

    @Override
    public Integer call() throws Exception {
        EdgeConfig cfg = ConfigLoader.load(config);
        ConfigFiles.requireReadable(cfg);
        ConfigLoader.requireListenable(config, cfg, ListenPorts.Privilege.current());
        if (cfg.logging() != null && cfg.logging().file() != null) {
            LogFiles.appendTo(Path.of(cfg.logging().file()));
        }
        EdgeDaemon daemon;
        try {
            daemon = EdgeDaemon.start(cfg, LineObserver.NONE);
        } catch (VaultException e) {
            // a missing, locked or damaged vault (or ledger): the reason is for the technician, not a stack trace
            throw new UserFacingException(e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            daemon.close();
            stopped.countDown();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        for (String line : daemon.lines().keySet()) {
            System.out.println("line " + line + ": PLC listening on " + cfg.lines().stream()
                    .filter(l -> l.id().equals(line)).findFirst().orElseThrow().plc().bind() + ":" + daemon.plcPort(line));
        }
        System.out.println("edge running; Ctrl-C or SIGTERM stops it");
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // In-process use (rigs, tests): interrupting the command thread stops the edge.
            Runtime.getRuntime().removeShutdownHook(hook);
            daemon.close();
        }
        return 0;
    }
}
