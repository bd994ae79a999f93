package io.yima.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ExampleConfigsTest {
    static final Path CONFIG_DIR = Path.of("..", "config");

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(CONFIG_DIR)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void theDocumentedExamplesExist() throws IOException {
        assertThat(examples()).extracting(p -> p.getFileName().toString())
                .contains("demo.yaml", "zebra-tcp.yaml", "escpos-serial.yaml", "tsc-tcp.yaml");
    }

    @Test
    void theTscExampleDrivesTsplPrinters() {
        EdgeConfig c = ConfigLoader.load(CONFIG_DIR.resolve("tsc-tcp.yaml"));
        assertThat(c.lines()).extracting(l -> l.printer().language()).containsOnly(PrinterLanguage.TSPL);
        assertThat(c.lines()).extracting(l -> l.printer().graphic()).containsExactly(PrinterGraphic.BITMAP, PrinterGraphic.NATIVE);
        assertThat(c.lines()).allSatisfy(l -> assertThat(l.printer().printRate()).as("TSPL does not count its queue")
                .isNotNull());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleLoadsAndValidates(Path file) {
        EdgeConfig c = ConfigLoader.load(file);
        assertThat(c.lines()).isNotEmpty();
    }

    /**
     * The PLC port takes START and CLOSE for its line: an example must show it bound to the line network's address
     * (or loopback), never to every interface, and say why in a comment next to it.
     */
    @ParameterizedTest
    @MethodSource("examples")
    void noExampleListensForAPlcOnEveryInterface(Path file) throws IOException {
        EdgeConfig c = ConfigLoader.load(file);
        var written = ConfigLoader.mapper().readTree(Files.readString(file)).path("lines");
        for (int i = 0; i < c.lines().size(); i++) {
            LineConfig line = c.lines().get(i);
            assertThat(line.plc().bind()).as(line.id()).isNotIn("0.0.0.0", "::", "[::]", "");
            assertThat(written.path(i).path("plc").hasNonNull("bind")).as("%s names its PLC address", line.id())
                    .isTrue();
        }
        assertThat(Files.readString(file)).containsPattern("#.*PLC port");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void aBrokenCopyOfEachExampleNamesTheBadField(Path file) throws IOException {
        String broken = Files.readString(file).replaceFirst("uri: \"(tcp|serial)", "uri: \"tcpp");
        assertThatThrownBy(() -> ConfigLoader.parse(broken, null))
                .hasMessageStartingWith("lines[0].printer.uri: unsupported scheme 'tcpp'");
    }
}
