package io.yima.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class YimaEdgeCliTest {

    @Test
    void helpListsEveryRegisteredCommandAndEachCommandHasHelp() {
        CommandLine cli = YimaEdge.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        for (String name : cli.getSubcommands().keySet()) {
            assertThat(out.toString()).contains(name);
            assertThat(cli.getSubcommands().get(name).getCommandSpec().mixinStandardHelpOptions()
                    || name.equals("help")).as("%s has --help", name).isTrue();
        }
    }
}
