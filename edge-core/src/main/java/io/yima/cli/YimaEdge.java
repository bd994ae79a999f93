package io.yima.cli;

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
                io.yima.daemon.RunCommand.class,
                io.yima.daemon.JobCommand.class,
                RenderCommand.class,
                io.yima.status.StatusCommand.class,
                io.yima.cli.vault.ImportCommand.class,
                io.yima.cli.vault.VaultCommand.class,
                io.yima.upstream.cli.WechatCommand.class,
                io.yima.export.ExportCommand.class,
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
