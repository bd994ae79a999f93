package io.yima.sim.console;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A progress bar for the demo and the rig: on a terminal one line that rewrites itself twice a second; into a
 * file or a pipe a plain line every five seconds (no carriage returns in a log). Fits 80 columns.
 */
public final class ProgressBar implements AutoCloseable {
    static final int BAR = 24;

    private final PrintStream out;
    private final long total;
    private final LongSupplier done;
    private final Supplier<String> detail;
    private final boolean terminal;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress-bar");
        t.setDaemon(true);
        return t;
    });

    /** {@code done} of {@code total}, and a short tally after the bar ({@code detail}, may be empty). */
    public ProgressBar(PrintStream out, long total, LongSupplier done, Supplier<String> detail) {
        this(out, total, done, detail, System.console() != null);
    }

    ProgressBar(PrintStream out, long total, LongSupplier done, Supplier<String> detail, boolean terminal) {
        this.out = out;
        this.total = total;
        this.done = done;
        this.detail = detail;
        this.terminal = terminal;
    }

    public ProgressBar start() {
        long every = terminal ? 500 : 5000;
        ticker.scheduleAtFixedRate(this::draw, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    private void draw() {
        String line = render(done.getAsLong(), total, detail.get());
        if (terminal) {
            out.print("\r" + line);
        } else {
            out.println(line.stripTrailing());
        }
        out.flush();
    }

    /** The last state, on a line of its own. */
    @Override
    public void close() {
        ticker.shutdownNow();
        String line = render(done.getAsLong(), total, detail.get());
        out.println(terminal ? "\r" + line : line.stripTrailing());
        out.flush();
    }

    /** {@code   [##########··········]   1,234 / 3,000  41 %  bound 1,200  rejected 12}, at most 80 columns. */
    static String render(long done, long total, String detail) {
        long shown = Math.max(0, Math.min(done, total));
        int filled = total <= 0 ? BAR : (int) (BAR * shown / total);
        int percent = total <= 0 ? 100 : (int) (100 * shown / total);
        String line = String.format(Locale.ROOT, "   [%s%s] %,7d / %,d  %3d %%", "#".repeat(filled),
                "-".repeat(BAR - filled), done, total, percent);
        if (detail != null && !detail.isBlank()) {
            line += "  " + detail;
        }
        return line.length() > 80 ? line.substring(0, 80) : String.format(Locale.ROOT, "%-79s", line);
    }
}
