package io.yima.upstream.cli;

import io.yima.common.UserFacingException;
import io.yima.upstream.ActivationOutbox;
import io.yima.upstream.UpstreamConfig;
import io.yima.upstream.VaultUpstreamEvents;
import io.yima.vault.CodeVault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "retry-failed", mixinStandardHelpOptions = true,
        description = "Requeue FAILED activation ranges (after fixing the cause) and, unless --no-send, send them now.")
final class RetryFailedCommand implements Callable<Integer> {
    @Mixin
    UpstreamOptions upstream;

    @Spec
    CommandSpec spec;

    @Option(names = "--vault", required = true, paramLabel = "FILE.db", description = "The code vault.")
    Path vaultFile;

    @Option(names = "--no-send", description = "Only requeue; the running edge's outbox sends them.")
    boolean noSend;

    @Override
    public Integer call() {
        // opening a path that holds no vault would create an empty one and "requeue 0 failed ranges" in it
        if (!Files.isRegularFile(vaultFile)) {
            throw new UserFacingException("no vault at " + vaultFile + ": check --vault; retry-failed works on the"
                    + " vault whose ranges failed (only `yima-edge vault init` and `import` create a vault)");
        }
        try (CodeVault vault = CodeVault.open(vaultFile)) {
            int requeued;
            ActivationOutbox.Backlog backlog;
            if (noSend) {
                requeued = ActivationOutbox.requeueFailed(vault, Clock.systemUTC());
                spec.commandLine().getOut().println("requeued " + requeued + " failed ranges");
            } else {
                UpstreamConfig config = upstream.config();
                ActivationOutbox outbox = new ActivationOutbox(vault,
                        upstream.client(config, new VaultUpstreamEvents(vault)), config, Clock.systemUTC());
                requeued = outbox.retryFailed();
                int activated = UpstreamOptions.call(outbox::flushNow);
                backlog = outbox.backlog();
                spec.commandLine().getOut().println("requeued " + requeued + " failed ranges; activated " + activated
                        + "; still queued " + backlog.queuedRanges() + ", failed " + backlog.failedRanges());
            }
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
