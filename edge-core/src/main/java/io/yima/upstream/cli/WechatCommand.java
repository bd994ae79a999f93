package io.yima.upstream.cli;

import picocli.CommandLine.Command;

/** {@code yima-edge wechat ...}: the technician's view of the marketcode API. */
@Command(name = "wechat", mixinStandardHelpOptions = true,
        description = "WeChat marketcode: apply for codes, download them into the vault, check activations.",
        subcommands = {
                ApplyCommand.class,
                QueryCommand.class,
                DownloadCommand.class,
                ActivateStatusCommand.class,
                TicketCommand.class,
                RetryFailedCommand.class,
        })
public final class WechatCommand {
}
