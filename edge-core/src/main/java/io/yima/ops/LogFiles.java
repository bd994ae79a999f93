package io.yima.ops;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Adds the optional log file next to the console appender declared in logback.xml. The file rolls over by size
 * and keeps a fixed number of old files, so a flood of refused frames from a confused peer cannot fill the disk
 * the vault lives on.
 */
public final class LogFiles {
    /** Same as the console's pattern in logback.xml: a date, and control characters from peers neutralised. */
    static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - "
            + "%replace(%msg){'\\p{Cntrl}', '?'}%n";
    public static final long DEFAULT_MAX_FILE_BYTES = 10L * 1024 * 1024;
    public static final int DEFAULT_MAX_FILES = 5;

    private LogFiles() {
    }

    public static void appendTo(Path file) {
        appendTo(file, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES);
    }

    /** Logs to {@code file}, rolled to {@code file.1} … {@code file.N} when it passes {@code maxFileBytes}. */
    public static void appendTo(Path file, long maxFileBytes, int maxFiles) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern(PATTERN);
        encoder.start();

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(ctx);
        appender.setName("FILE");
        appender.setFile(file.toString());
        appender.setEncoder(encoder);

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(ctx);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(Math.max(1, maxFiles));
        rolling.start();

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(ctx);
        trigger.setMaxFileSize(new FileSize(maxFileBytes));
        // Logback looks at the size once a minute by default; a flood writes tens of megabytes in that time.
        trigger.setCheckIncrement(ch.qos.logback.core.util.Duration.buildByMilliseconds(0));
        trigger.start();

        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.start();
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }
}
