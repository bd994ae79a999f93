package io.yima.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.yima.sim.label.Conveyor;
import io.yima.sim.label.LabelLog;
import io.yima.sim.printer.PrinterEmulator;
import io.yima.sim.printer.PrinterLanguage;
import io.yima.sim.scanner.LabelDecoder;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The printer's control commands over a real TCP control port and from standard input, and their flags. */
class PrinterControlPortIT {
    @Test
    void commandsOverTheControlPortAreAnsweredLineByLine() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (PrinterEmulator printer = new PrinterEmulator("P1", PrinterLanguage.ZPL, lo, 0,
                new LabelLog(new LabelDecoder()::text, null), new Conveyor(), null).start();
             PrinterControlPort port = PrinterControlPort.start(printer.control(), lo, 0);
             Socket s = new Socket(lo, port.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("pause\r\nspeed 12.5\nhead-open\nwhat\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));

            assertThat(in.readLine()).startsWith("ok ").contains("paused=yes");
            assertThat(in.readLine()).contains("speed=12.5/s");
            assertThat(in.readLine()).contains("head=open");
            assertThat(in.readLine()).startsWith("error: unknown command 'what'");
            assertThat(printer.faults().paused()).isTrue();
            assertThat(printer.faults().headOpen()).isTrue();
        }
    }

    @Test
    void standardInputCarriesTheSameCommandsAndOverlongLinesAreRefused() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (PrinterEmulator printer = new PrinterEmulator("P1", PrinterLanguage.ZPL, lo, 0,
                new LabelLog(new LabelDecoder()::text, null), new Conveyor(), null).start()) {
            List<String> answers = new ArrayList<>();
            String input = "buffer 7\n" + "y".repeat(300) + "\nreload\n";
            PrinterControlPort.serve(printer.control(), new ByteArrayInputStream(input.getBytes(StandardCharsets.US_ASCII)),
                    answers::add);

            assertThat(answers).hasSize(3);
            assertThat(answers.get(0)).contains("buffer=7");
            assertThat(answers.get(1)).isEqualTo("error: command longer than 256 characters");
            assertThat(answers.get(2)).contains("paper=ok");
            assertThat(printer.faults().receiveBuffer()).isEqualTo(7);
        }
    }

    @Test
    void theBufferSpeedAndControlFlagsReachTheCommandAndHelpExplainsThem() {
        CommandLine cli = io.yima.sim.YimaSim.commandLine();
        CommandLine.ParseResult p = cli.parseArgs("printer", "--print-rate", "15", "--buffer", "200",
                "--control-port", "0", "--control-stdin");
        PrinterCommand cmd = (PrinterCommand) p.subcommand().commandSpec().userObject();
        assertThat(cmd.printRate).isEqualTo(15.0);
        assertThat(cmd.buffer).isEqualTo(200);
        assertThat(cmd.controlPort).isZero();
        assertThat(cmd.controlStdin).isTrue();

        String help = cli.getSubcommands().get("printer").getUsageMessage();
        assertThat(help).contains("labels per second", "(default: 0)", "(default: 64)", "head-open", "power-cycle [MS]",
                "speed R");
    }
}
