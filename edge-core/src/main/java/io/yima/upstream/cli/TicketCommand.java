package io.yima.upstream.cli;

import io.yima.upstream.CodeInfo;
import io.yima.upstream.MarketcodeClient;
import io.yima.upstream.UpstreamEvents;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ticket", mixinStandardHelpOptions = true,
        description = "Resolve the ticket a mini program received on a scan to its code (tickettocode).")
final class TicketCommand implements Callable<Integer> {
    @Mixin
    UpstreamOptions upstream;

    @Spec
    CommandSpec spec;

    @Option(names = "--openid", required = true, paramLabel = "O", description = "The scanning user's openid.")
    String openid;

    @Option(names = "--ticket", required = true, paramLabel = "T", description = "The code_ticket.")
    String ticket;

    @Override
    public Integer call() {
        MarketcodeClient client = upstream.client(upstream.config(), UpstreamEvents.NONE);
        CodeInfo info = UpstreamOptions.call(() -> client.ticketToCode(openid, ticket));
        ActivateStatusCommand.print(spec.commandLine().getOut(), info);
        return 0;
    }
}
