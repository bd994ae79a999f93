package io.yima.cli;

import io.yima.cli.vault.ImportCommand;
import io.yima.cli.vault.VaultCommand;
import io.yima.daemon.JobCommand;
import io.yima.daemon.RunCommand;
import io.yima.upstream.cli.WechatCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The product's single entry point: the daemon ({@code run}) and every technician command.
 * Subcommands are listed one per line so that concurrent additions merge cleanly.
 */
@Command(name = "yima-edge",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Yima Edge: WeChat one-thing-one-code serialization on the production line.",
        subcommands = {
                CommandLine.HelpCommand.class,
                RunCommand.class,
                JobCommand.class,
                RenderCommand.class,
                StatusCommand.class,
                ImportCommand.class,
                VaultCommand.class,
                WechatCommand.class,
                ExportCommand.class,
        })
public final class YimaEdge {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests that drive the CLI in-process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new YimaEdge());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new CliFailureHandler());
        return cli;
    }
}
