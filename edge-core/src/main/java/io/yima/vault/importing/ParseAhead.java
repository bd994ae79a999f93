package io.yima.vault.importing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decrypts and parses the inputs ahead of the inserter, on up to two threads, and hands batches over strictly in
 * input order: rows still arrive in key order (an append for SQLite) and the first bad file reported is the first
 * in the command line. Each input has a small bounded queue, so at most two inputs are in flight and memory stays
 * at a few batches whatever the package size.
 */
final class ParseAhead implements AutoCloseable {
    static final Object END = new Object();
    private static final int BATCH = 1000;

    private final List<BlockingQueue<Object>> queues = new ArrayList<>();
    private final ExecutorService pool;
    private final AtomicInteger files = new AtomicInteger();
    private int current;

    ParseAhead(PackageReader reader, List<NamedInput> inputs, int threads) {
        AtomicInteger n = new AtomicInteger();
        pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, inputs.size())), r -> {
            Thread t = new Thread(r, "import-parse-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (NamedInput input : inputs) {
            BlockingQueue<Object> queue = new ArrayBlockingQueue<>(8);
            queues.add(queue);
            pool.execute(() -> produce(reader, input, queue));
        }
    }

    /** The next batch ({@code List<ParsedCode>}) or {@link #END}; throws the first input's failure. */
    Object next() {
        while (current < queues.size()) {
            Object item;
            try {
                item = queues.get(current).take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImportException("import interrupted");
            }
            if (item instanceof RuntimeException e) {
                throw e;
            }
            if (item != END) {
                return item;
            }
            current++;
        }
        return END;
    }

    int files() {
        return files.get();
    }

    private void produce(PackageReader reader, NamedInput input, BlockingQueue<Object> queue) {
        List<ParsedCode> batch = new ArrayList<>(BATCH);
        try {
            files.addAndGet(reader.read(input, code -> {
                batch.add(code);
                if (batch.size() == BATCH) {
                    put(queue, List.copyOf(batch));
                    batch.clear();
                }
            }));
            if (!batch.isEmpty()) {
                put(queue, List.copyOf(batch));
            }
            put(queue, END);
        } catch (Interrupted e) {
            // the importer gave up; nothing to report
        } catch (IOException e) {
            offer(queue, new ImportException(input.name() + ": cannot read (" + e.getMessage() + ")", e));
        } catch (RuntimeException e) {
            offer(queue, e);
        }
    }

    private static final class Interrupted extends RuntimeException {
    }

    private static void put(BlockingQueue<Object> queue, Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            throw new Interrupted();
        }
    }

    /** A failure must reach the inserter even when the queue is full of good batches. */
    private static void offer(BlockingQueue<Object> queue, Object failure) {
        try {
            while (!queue.offer(failure, 100, TimeUnit.MILLISECONDS)) {
                queue.poll();
            }
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
