package io.yima.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogFilesTest {
    private static final Logger log = LoggerFactory.getLogger("io.yima.test.LogFiles");

    @AfterEach
    void detach() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var appender = root.getAppender("FILE");
        if (appender != null) {
            root.detachAppender(appender);
            appender.stop();
        }
    }

    @Test
    void textFromAPeerCannotForgeALogLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("edge.log");
        LogFiles.appendTo(file);
        log.warn("refused START: SKU {}", "SKU\n21:31:00.000 ERROR [main] vault - vault destroyed\u001b[2J");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} WARN .*")
                .contains("SKU?21:31:00.000 ERROR").doesNotContain("\u001b");
    }

    @Test
    void theFileRollsOverAndKeepsABoundedNumberOfOldFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("edge.log");
        LogFiles.appendTo(file, 4096, 3);
        String frame = "x".repeat(200);
        for (int i = 0; i < 2_000; i++) {
            log.warn("garbage frame {} from 127.0.0.1: {}", i, frame);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("edge.log", "edge.log.1", "edge.log.2", "edge.log.3");
        }
        long total;
        try (Stream<Path> files = Files.list(dir)) {
            total = files.mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(total).as("2,000 lines of ~300 bytes written, at most 4 files kept").isLessThan(4 * 8192);
        assertThat(Files.readString(dir.resolve("edge.log.1"))).contains("garbage frame");
    }
}
