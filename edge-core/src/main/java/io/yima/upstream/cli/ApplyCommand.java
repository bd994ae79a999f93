package io.yima.upstream.cli;

import io.yima.common.UserFacingException;
import io.yima.upstream.MarketcodeClient;
import io.yima.upstream.UpstreamEvents;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Apply for N codes (applycode). The ISV id makes the request idempotent: re-running returns the same application.")
final class ApplyCommand implements Callable<Integer> {
    @Mixin
    UpstreamOptions upstream;

    @Spec
    CommandSpec spec;

    @Option(names = "--count", required = true, paramLabel = "N", description = "Codes to apply for: at least 10000, a multiple of 10000.")
    long count;

    @Option(names = "--isv-id", required = true, paramLabel = "ID", description = "Your own id for this application (idempotency key).")
    String isvId;

    @Override
    public Integer call() {
        if (count < 10_000 || count % 10_000 != 0 || count > 20_000_000) {
            throw new UserFacingException("--count must be a multiple of 10000 between 10000 and 20000000, got " + count);
        }
        MarketcodeClient client = upstream.client(upstream.config(), UpstreamEvents.NONE);
        long id = UpstreamOptions.call(() -> client.applyCode(count, isvId));
        spec.commandLine().getOut().println("application_id: " + id);
        spec.commandLine().getOut().println("generation is asynchronous; check with: wechat query --application " + id);
        return 0;
    }
}
