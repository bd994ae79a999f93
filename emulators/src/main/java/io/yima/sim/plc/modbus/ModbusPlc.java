package io.yima.sim.plc.modbus;

import io.yima.sim.plc.ItemOutcome;
import io.yima.sim.plc.PlcFrame;
import io.yima.sim.plc.ScenarioResult;
import io.yima.sim.plc.ScenarioSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A line PLC's program over the Modbus register block (docs/modbus.md), in scan cycles: each cycle writes words
 * 0–5 (heartbeat, trigger, item, result ack), reads the edge area, processes new result slots and the echoes.
 * Runs one job: START, triggers at the spec's rate with one in flight (a lost echo is repeated after 2 s with a new
 * counter and the same item; BUSY and PAUSED after 100 ms), waits for every item's result, STOP, CLOSE; the closing
 * account becomes a {@code CLOSED} frame so the rig's checks read it as the ASCII PLC's.
 * {@code lostWriteRate} loses the first trigger write of that share of items (the write never reaches the edge), and
 * {@code duplicateRate} triggers that share of items twice with new counters (a PLC re-triggering an item). Both are
 * drawn per item, two draws in a fixed order, so a seed injects the same faults however often the edge answered
 * BUSY or PAUSED (a draw per write attempt made the faults depend on the machine's load).
 */
public final class ModbusPlc {
    private static final long ECHO_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(2);
    private static final long RETRY_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long CYCLE_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final RegisterPort port;
    private final Random random;
    private final double lostWriteRate;
    private final double duplicateRate;
    private int heartbeat;
    private int trigger;
    private long item;
    private long ack;
    private int command;
    private int[] edge = new int[Block.EDGE_WORDS];
    private long heartbeatAt;
    private long reconnects;
    private long lostWrites;
    private long duplicates;

    private static final class Item {
        final String id;
        final long number;
        long index = -1;
        long triggeredAt;
        long printedAt;
        long resultAt;
        String result;
        String detail;
        int results;

        Item(String id, long number) {
            this.id = id;
            this.number = number;
        }
    }

    private final Map<Long, Item> items = new LinkedHashMap<>();
    private long unknownItemResults;

    public ModbusPlc(RegisterPort port, long seed, double lostWriteRate, double duplicateRate) {
        this.port = port;
        this.random = new Random(seed);
        this.lostWriteRate = lostWriteRate;
        this.duplicateRate = duplicateRate;
    }

    /**
     * Waits until the edge shows its map version, 1 or later (it has read the PLC's counters; a later version only
     * adds registers, so a PLC written for version 1 does not compare with a number).
     */
    public void open(long timeoutMillis) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        IOException last = null;
        while (System.nanoTime() < end) {
            try {
                cycle();
                if (edge[Block.MAP_VERSION - Block.EDGE] >= 1) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        throw new IOException("the edge never showed its register map (MAP_VERSION 0)", last);
    }

    /** One scan: heartbeat and handshake words out, edge area in, new results processed and acknowledged. */
    private void cycle() throws IOException {
        if (System.nanoTime() - heartbeatAt > TimeUnit.MILLISECONDS.toNanos(500)) {
            heartbeat = (heartbeat + 1) & 0xFFFF;
            heartbeatAt = System.nanoTime();
        }
        int[] a = Block.u32Words(item);
        int[] k = Block.u32Words(ack);
        try {
            port.write(Block.PLC_HEARTBEAT, heartbeat, trigger, a[0], a[1], k[0], k[1]);
            edge = port.read(Block.EDGE, Block.EDGE_WORDS);
        } catch (IOException e) {
            reconnects++;
            throw e;
        }
        int count = Math.min(8, edge[Block.RESULT_COUNT - Block.EDGE]);
        for (int s = 0; s < count; s++) {
            int at = Block.RESULTS + 5 * s;
            long n = Block.u32(edge, at);
            if ((int) (n - ack) <= 0) {
                continue; // processed before
            }
            long number = Block.u32(edge, at + 2);
            int code = edge[at + 4 - Block.EDGE];
            Item it = items.get(number);
            if (it == null) {
                unknownItemResults++;
            } else {
                it.results++;
                if (it.result == null || "NAK".equals(it.result)) {
                    it.result = code == 1 ? "OK" : "REJECT";
                    it.detail = code == 1 ? "" : Block.word(code);
                    it.resultAt = System.nanoTime();
                }
            }
            ack = n;
        }
    }

    /** Cycles until {@code done} holds or the time is up; a link error costs a cycle, not the run. */
    private boolean cycleUntil(java.util.function.BooleanSupplier done, long timeoutNanos) throws InterruptedException {
        long end = System.nanoTime() + timeoutNanos;
        do { // at least one scan, also with no time left
            try {
                cycle();
                if (done.getAsBoolean()) {
                    return true;
                }
            } catch (IOException e) {
                TimeUnit.MILLISECONDS.sleep(50);
                continue;
            }
            TimeUnit.NANOSECONDS.sleep(CYCLE_NS);
        } while (System.nanoTime() < end);
        return false;
    }

    /** Sends a command with its fields and waits for its echo; returns the status word ("OK" or the refusal). */
    public String command(int code, int... fields) throws IOException, InterruptedException {
        command = command % 65535 + 1;
        int[] words = new int[2 + fields.length];
        words[0] = command;
        words[1] = code;
        System.arraycopy(fields, 0, words, 2, fields.length);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                port.write(Block.COMMAND, words);
                break;
            } catch (IOException e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        int sent = command;
        if (!cycleUntil(() -> edge[Block.COMMAND_ECHO - Block.EDGE] == sent, TimeUnit.SECONDS.toNanos(30))) {
            throw new IOException("no echo for command " + code);
        }
        return Block.word(edge[Block.COMMAND_STATUS - Block.EDGE]);
    }

    /** START's fields: quantity, mode, symbol, job, sku, batch (docs/modbus.md offsets 8–59). */
    public static int[] startFields(ScenarioSpec spec, int mode, int symbol) {
        int[] f = new int[52];
        int[] q = Block.u32Words(spec.items());
        f[0] = q[0];
        f[1] = q[1];
        f[2] = mode;
        f[3] = symbol;
        System.arraycopy(Block.text(spec.job()), 0, f, 4, 16);
        System.arraycopy(Block.text(spec.sku()), 0, f, 20, 16);
        System.arraycopy(Block.text(spec.batch()), 0, f, 36, 16);
        return f;
    }

    /** Runs the job and returns the PLC's record of it. Item ids are the item numbers 1 … N in decimal. */
    public ScenarioResult run(ScenarioSpec spec) throws IOException, InterruptedException {
        String symbol = spec.startFields().getOrDefault("symbol", "QR").toUpperCase(Locale.ROOT);
        String started = command(1, startFields(spec, 1, "MICROCODE".equals(symbol) ? 2 : 1));
        if (!"OK".equals(started)) {
            throw new IOException("edge refused START: " + started + " " + Block.text(edge, Block.MESSAGE));
        }
        long t0 = System.nanoTime();
        long interval = (long) (1e9 / spec.itemsPerSecond());
        for (int i = 0; i < spec.items(); i++) {
            long due = t0 + i * interval;
            while (System.nanoTime() < due) {
                cycleUntil(() -> true, 0); // one scan: results keep arriving between triggers
                TimeUnit.NANOSECONDS.sleep(Math.min(CYCLE_NS, Math.max(0, due - System.nanoTime())));
            }
            Item it = new Item(Integer.toString(i + 1), i + 1);
            items.put(it.number, it);
            boolean loseFirstWrite = random.nextDouble() < lostWriteRate;
            boolean twice = random.nextDouble() < duplicateRate;
            triggerItem(it, loseFirstWrite);
            if (twice) {
                duplicates++;
                triggerItem(it, false); // the same item again: the edge answers its index and prints nothing
            }
        }
        cycleUntil(() -> items.values().stream().allMatch(x -> x.result != null),
                TimeUnit.MILLISECONDS.toNanos(spec.settleMillis()));
        command(2);
        String closed = command(3);
        PlcFrame closedFrame = null;
        if ("OK".equals(closed)) {
            closedFrame = PlcFrame.of("CLOSED", "0", Block.text(edge, Block.JOB_ID_OFFSET),
                    Long.toString(Block.u32(edge, Block.CLOSED_PRINTED)),
                    Long.toString(Block.u32(edge, Block.CLOSED_PRINTED + 2)),
                    Long.toString(Block.u32(edge, Block.CLOSED_PRINTED + 4)),
                    Long.toString(Block.u32(edge, Block.CLOSED_PRINTED + 6)));
        }
        List<ItemOutcome> out = new ArrayList<>();
        for (Item it : items.values()) {
            out.add(new ItemOutcome(it.id, it.index, it.triggeredAt, it.printedAt, it.resultAt, it.result, it.detail,
                    it.results));
        }
        return new ScenarioResult(out, closedFrame, List.of(), 0, reconnects, unknownItemResults);
    }

    /**
     * One trigger, repeated as the map says until the edge answers it; records the echo on the item. With
     * {@code loseFirstWrite} the first write never reaches the edge.
     */
    private void triggerItem(Item it, boolean loseFirstWrite) throws InterruptedException {
        if (it.triggeredAt == 0) {
            it.triggeredAt = System.nanoTime();
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            trigger = trigger % 65535 + 1;
            item = it.number;
            int sent = trigger;
            if (attempt == 0 && loseFirstWrite) {
                lostWrites++; // the write is lost: the edge keeps seeing the previous counter
                trigger = trigger == 1 ? 65535 : trigger - 1;
                long end = System.nanoTime() + ECHO_TIMEOUT_NS;
                cycleUntil(() -> false, end - System.nanoTime());
                continue;
            }
            boolean echoed = cycleUntil(() -> edge[Block.TRIGGER_ECHO - Block.EDGE] == sent, ECHO_TIMEOUT_NS);
            if (!echoed) {
                continue; // echo lost (link down, edge restarting): same item, new counter
            }
            String status = Block.word(edge[Block.TRIGGER_STATUS - Block.EDGE]);
            if ("OK".equals(status)) {
                if (it.printedAt == 0) {
                    it.printedAt = System.nanoTime();
                }
                it.index = Block.u32(edge, Block.TRIGGER_INDEX);
                return;
            }
            if ("BUSY".equals(status) || "PAUSED".equals(status) || "NO_ANSWER".equals(status)) {
                long end = System.nanoTime() + RETRY_NS;
                cycleUntil(() -> false, end - System.nanoTime());
                continue;
            }
            if (it.result == null) {
                it.result = "NAK";
                it.detail = status;
            }
            return;
        }
    }

    public long lostWrites() {
        return lostWrites;
    }

    public long duplicates() {
        return duplicates;
    }
}
