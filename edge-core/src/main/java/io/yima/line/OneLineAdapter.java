package io.yima.line;

import java.util.List;

/**
 * An adapter that serves one line through one running link (a line's ASCII PLC port, its Modbus link): the start
 * checks it was given that line, the health of a link not yet open or closed says so in the adapter's words, and
 * closing closes the link once. Subclasses open the link and judge a running one.
 *
 * @param <L> the running link
 */
public abstract class OneLineAdapter<L extends AutoCloseable> implements LineAdapter {
    private final String kind;
    private final String lineId;
    private final String words;
    private volatile L link;
    private volatile boolean closed;

    /**
     * @param kind   the name's prefix on {@code /health}: {@code plc}, {@code modbus}
     * @param lineId the line it serves
     * @param words  what a technician calls it: "PLC port", "Modbus link"
     */
    protected OneLineAdapter(String kind, String lineId, String words) {
        this.kind = kind;
        this.lineId = lineId;
        this.words = words;
    }

    /** Opens the link for {@code line}; throws when it cannot. */
    protected abstract L open(ProductionLine line) throws InterruptedException;

    /** The health of the running link. */
    protected abstract AdapterHealth healthOf(L link);

    @Override
    public final String name() {
        return kind + ":" + lineId;
    }

    @Override
    public final void start(List<ProductionLine> lines) throws InterruptedException {
        if (lines.size() != 1 || !lines.get(0).lineId().equals(lineId)) {
            throw new IllegalArgumentException("a " + words + " serves line " + lineId + " alone");
        }
        link = open(lines.get(0));
    }

    @Override
    public final AdapterHealth health() {
        L l = link;
        if (closed || l == null) {
            return AdapterHealth.offline(words + (closed ? " closed" : " not open yet"));
        }
        return healthOf(l);
    }

    /** The running link, or null before {@link #start}. */
    protected final L running() {
        return link;
    }

    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        L l = link;
        if (l != null) {
            try {
                l.close();
            } catch (Exception e) {
                throw new IllegalStateException(words + " of line " + lineId + " did not close: " + e.getMessage(), e);
            }
        }
    }
}
