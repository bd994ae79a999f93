package io.yima.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void theThreeDocumentedExamplesExist() throws IOException {
        assertThat(examples()).extracting(p -> p.getFileName().toString())
                .contains("demo.yaml", "zebra-tcp.yaml", "escpos-serial.yaml");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleLoadsAndValidates(Path file) {
        EdgeConfig c = ConfigLoader.load(file);
        assertThat(c.lines()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void aBrokenCopyOfEachExampleNamesTheBadField(Path file) throws IOException {
        String broken = Files.readString(file).replaceFirst("uri: \"(tcp|serial)", "uri: \"tcpp");
        assertThatThrownBy(() -> ConfigLoader.parse(broken, null))
                .hasMessageStartingWith("lines[0].printer.uri: unsupported scheme 'tcpp'");
    }
}
