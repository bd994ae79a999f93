package io.yima.sim.label;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A printer's own durable record of every label it printed, kept outside the edge process: an in-memory list
 * plus, optionally, an append-only JSON-lines file flushed per label (a crash test compares the edge's vault with
 * it). Each line also carries what a genuine decode of the raster yields, so duplicates can be found from the
 * file alone.
 */
public final class LabelLog implements Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Rasters are big; only the latest ones stay in memory (the file and {@link #reads()} keep everything). */
    static final int RETAINED_LABELS = 10_000;

    private final java.util.ArrayDeque<PrintedLabel> labels = new java.util.ArrayDeque<>();
    private long appended;
    private final List<String> reads = new ArrayList<>();
    private final Function<PrintedLabel, String> reader;
    private final BufferedWriter file;

    /**
     * @param reader decodes a printed label to its content (null result = unreadable); may be null to skip decoding
     * @param file   JSON-lines file to append to, or null for memory only
     */
    public LabelLog(Function<PrintedLabel, String> reader, Path file) throws IOException {
        this.reader = reader;
        this.file = file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    public synchronized void append(PrintedLabel label) {
        String read = reader == null ? null : reader.apply(label);
        labels.addLast(label);
        if (labels.size() > RETAINED_LABELS) {
            labels.removeFirst();
        }
        appended++;
        reads.add(read);
        if (file != null) {
            ObjectNode line = JSON.createObjectNode();
            line.put("printer", label.printer());
            line.put("seq", label.sequence());
            line.put("ts", label.printedAt().toString());
            line.put("width", label.raster().width());
            line.put("height", label.raster().height());
            line.put("raw_bytes", label.rawBytes());
            line.put("raster_sha256", label.raster().digest());
            line.putPOJO("texts", label.texts());
            line.putPOJO("symbol_data", label.symbolData());
            line.put("read", read);
            try {
                file.write(JSON.writeValueAsString(line));
                file.newLine();
                file.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The latest labels (at most {@value #RETAINED_LABELS}), oldest first. */
    public synchronized List<PrintedLabel> labels() {
        return List.copyOf(labels);
    }

    /** Decoded content per label, in print order (null = unreadable). */
    public synchronized List<String> reads() {
        return new ArrayList<>(reads);
    }

    /** Labels appended so far. */
    public synchronized long size() {
        return appended;
    }

    @Override
    public synchronized void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
