package io.yima.sim;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The simulator's entry point: emulators, the package forge, rigs and the demo line.
 * Subcommands are listed one per line so that concurrent additions merge cleanly.
 */
@Command(name = "yima-sim",
        mixinStandardHelpOptions = true,
        version = "yima-sim 0.1.0",
        description = "Yima simulator: emulated printers, scanners, PLC and WeChat upstream, package forge, rigs.",
        subcommands = {
                CommandLine.HelpCommand.class,
                io.yima.sim.wechat.WechatCommand.class,
                io.yima.sim.bench.ActivationBenchCommand.class,
                io.yima.sim.bench.ExportBenchCommand.class,
                io.yima.sim.bench.BenchLineCommand.class,
                io.yima.sim.bench.PackingBenchCommand.class,
                io.yima.sim.bench.LabelBenchCommand.class,
                io.yima.sim.forge.ForgeCommand.class,
                io.yima.sim.demo.DemoCommand.class,
                io.yima.sim.cli.PrinterCommand.class,
                io.yima.sim.cli.ScannerCommand.class,
                io.yima.sim.cli.PlcCommand.class,
                io.yima.sim.cli.RigCommand.class,
                io.yima.sim.cli.LineEmulatorsCommand.class,
                io.yima.sim.bench.scale.ScaleBenchCommand.class,
                io.yima.sim.bench.scale.LanesBenchCommand.class,
        })
public final class YimaSim {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new YimaSim());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new io.yima.cli.CliFailureHandler());
        return cli;
    }
}
