package io.yima.sim.console;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.yima.cli.LogFiles;
import java.nio.file.Path;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Keeps the console for the demo's and the rig's own narration: the edge's log (one WARN per rejected item, link
 * changes, jobs) goes to a file, and only errors still reach the console.
 */
public final class ConsoleLog {

    private ConsoleLog() {
    }

    /** Logs at INFO to {@code file}; console appenders from then on show ERROR only. */
    public static void toFile(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> a = it.next();
            if (a instanceof ch.qos.logback.core.ConsoleAppender) {
                ThresholdFilter errorsOnly = new ThresholdFilter();
                errorsOnly.setLevel(Level.ERROR.levelStr);
                errorsOnly.start();
                a.addFilter(errorsOnly);
            }
        }
        root.setLevel(Level.INFO);
        LogFiles.appendTo(file);
    }
}
