package io.yima.sim.console;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.filter.Filter;
import io.yima.ops.LogFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Keeps the console for the demo's and the rig's own narration: the edge's log (one WARN per rejected item, link
 * changes, jobs) goes to a file, and only errors still reach the console. Closing it puts the console back.
 */
public final class ConsoleLog implements AutoCloseable {

    private final Logger root;
    private final Level level;
    private final Appender<ILoggingEvent> file;
    private final List<Appender<ILoggingEvent>> consoles;
    private final Filter<ILoggingEvent> errorsOnly;

    private ConsoleLog(Logger root, Level level, Appender<ILoggingEvent> file,
                       List<Appender<ILoggingEvent>> consoles, Filter<ILoggingEvent> errorsOnly) {
        this.root = root;
        this.level = level;
        this.file = file;
        this.consoles = consoles;
        this.errorsOnly = errorsOnly;
    }

    /** Logs at INFO to {@code file}; console appenders show ERROR only until {@link #close()}. */
    public static ConsoleLog toFile(Path file) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return new ConsoleLog(null, null, null, List.of(), null);
        }
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ThresholdFilter errorsOnly = new ThresholdFilter();
        errorsOnly.setLevel(Level.ERROR.levelStr);
        errorsOnly.start();
        List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> a = it.next();
            if (a instanceof ch.qos.logback.core.ConsoleAppender) {
                a.addFilter(errorsOnly);
                consoles.add(a);
            }
        }
        Level before = root.getLevel();
        root.setLevel(Level.INFO);
        LogFiles.appendTo(file);
        return new ConsoleLog(root, before, root.getAppender("FILE"), consoles, errorsOnly);
    }

    @Override
    public void close() {
        if (root == null) {
            return;
        }
        if (file != null) {
            root.detachAppender(file);
            file.stop();
        }
        for (Appender<ILoggingEvent> a : consoles) {
            List<Filter<ILoggingEvent>> keep = new ArrayList<>(a.getCopyOfAttachedFiltersList());
            keep.remove(errorsOnly);
            a.clearAllFilters();
            keep.forEach(a::addFilter);
        }
        root.setLevel(level);
    }
}
