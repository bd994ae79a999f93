package io.yima.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.sim.YimaSim;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class YimaSimCliTest {

    @Test
    void everyDeviceCommandIsRegisteredWithHelp() {
        CommandLine cli = YimaSim.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("--help")).isZero();

        assertThat(out.toString()).contains("printer", "scanner", "plc", "rig");
        for (String name : new String[] {"printer", "scanner", "plc", "rig"}) {
            assertThat(cli.getSubcommands().get(name).getCommandSpec().mixinStandardHelpOptions()).isTrue();
        }
    }

    @Test
    void everyCommandsHelpDescribesEveryOptionAndShowsAnExample() {
        CommandLine cli = YimaSim.commandLine();
        for (var e : cli.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue; // picocli's own help command
            }
            CommandLine sub = e.getValue();
            assertThat(sub.getUsageMessage()).as(e.getKey()).contains("Examples:", "yima-");
            for (var option : sub.getCommandSpec().options()) {
                assertThat(String.join(" ", option.description())).as(e.getKey() + " " + option.longestName())
                        .isNotBlank();
            }
        }
    }

    @Test
    void scannerFaultOptionsReachTheCommand() {
        CommandLine cli = YimaSim.commandLine();
        CommandLine.ParseResult p = cli.parseArgs("scanner", "--style", "cognex", "--no-read-rate", "0.1",
                "--port", "0", "--printer-port", "0");
        ScannerCommand cmd = (ScannerCommand) p.subcommand().commandSpec().userObject();

        assertThat(cmd.options.style).isEqualTo(io.yima.sim.scanner.ReaderStyle.COGNEX);
        assertThat(cmd.options.noReadRate).isEqualTo(0.1);
        assertThat(cmd.options.seed).isEqualTo(1);
    }

    @Test
    void aMalformedEdgeAddressIsAUserError() {
        CommandLine cli = YimaSim.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute("plc", "--edge", "localhost:notaport")).isEqualTo(1);

        assertThat(err.toString()).contains("error: --edge must be host:port");
    }

    @Test
    void aPlcWithNoEdgeToTalkToSaysSo() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        CommandLine cli = YimaSim.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute("plc", "--edge", "127.0.0.1:" + closedPort)).isEqualTo(1);

        assertThat(err.toString()).contains("error: cannot talk to the edge at 127.0.0.1:" + closedPort);
    }
}
