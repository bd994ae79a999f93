package io.yima.modbus;

import static io.yima.modbus.RegisterMap.*;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.yima.line.Device;
import io.yima.line.ItemIssued;
import io.yima.line.LineAnswer;
import io.yima.line.LineCalls;
import io.yima.line.LineCommands;
import io.yima.line.LineEvent;
import io.yima.line.LineListener;
import io.yima.line.LineRefusal;
import io.yima.line.LineStatus;
import io.yima.line.Refusal;
import io.yima.line.Subscription;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The register handshake of docs/modbus.md for one line, whatever carries the registers (the edge as Modbus
 * server, or polling the PLC as client). The PLC area comes in with {@link #plcWrote}; the edge area goes out
 * through {@link #edgeArea()}. Triggers and commands become {@link LineCommands} calls; their echo is written
 * only when the line's stage completes — after the commit it confirms — or, past {@code timeout}, as NO_ANSWER.
 * Everything here runs on the handshake's own thread: line callbacks only enqueue, transports only read the
 * published copy, so neither a Netty loop nor the line's thread ever waits here, and no vault call is made.
 * The trigger mailbox, the command mailbox and the result slots stay in this one class because they share that
 * thread and the one edge area they are published in; START's decoding is {@link StartRegisters}.
 */
public final class ModbusHandshake implements LineListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModbusHandshake.class);
    /** Triggers are refused BUSY while this many results wait for the PLC's RESULT_ACK. */
    static final int BUSY_RESULTS = 64;
    /** Results kept for a PLC that does not acknowledge; beyond this the oldest are dropped (FAULTS bit 8). */
    static final int RESULT_BACKLOG = 10_000;

    private record Result(long number, long item, int code) {
    }

    private final LineCommands line;
    private final boolean packing;
    private final Duration timeout;
    private final Duration heartbeat;
    private final ScheduledExecutorService thread;
    /** The handshake's place on the line: {@link #close} takes it off. */
    private final Subscription subscription;
    private final int[] edge = new int[SIZE];
    private volatile int[] published;
    private final AtomicLong revision = new AtomicLong();
    private volatile boolean attached;
    private volatile long plcHeartbeatAt;
    private volatile boolean closed;
    private volatile Runnable onChange = () -> { };

    // owned by the handshake thread
    private int[] plc;
    private int lastTrigger;
    private int lastCommand;
    private Object pendingTrigger;
    private Object pendingCommand;
    private int lastPlcHeartbeat = -1;
    private String writer;
    private final ArrayDeque<Result> results = new ArrayDeque<>();
    private boolean statusAsked;
    private long ticks;

    public ModbusHandshake(LineCommands line, Duration timeout, Duration heartbeat) {
        this(line, timeout, heartbeat, false);
    }

    /** @param packing the line packs cases: CLOSE_CASE is taken and case results go into the slots (map version 2) */
    public ModbusHandshake(LineCommands line, Duration timeout, Duration heartbeat, boolean packing) {
        this.packing = packing;
        this.line = line;
        this.timeout = timeout;
        this.heartbeat = heartbeat;
        this.thread = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("modbus-" + line.lineId(),
                true));
        edge[MAP_VERSION] = VERSION;
        publish();
        subscription = line.subscribe(this);
        thread.scheduleAtFixedRate(this::tick, 0, 200, TimeUnit.MILLISECONDS);
    }

    // ---- transports ------------------------------------------------------------------------------------------

    /** The PLC area as the PLC last wrote it ({@link RegisterMap#PLC_AREA_SIZE} registers); any thread. */
    public void plcWrote(int[] area) {
        plcWrote(area, null);
    }

    /**
     * As above; {@code by} names who wrote ({@code modbus 10.20.1.32:50122 unit 1}) and is recorded in the audit
     * entry of a job command the write carries.
     */
    public void plcWrote(int[] area, String by) {
        int[] copy = Arrays.copyOf(area, PLC_AREA_SIZE);
        run(() -> {
            writer = by;
            received(copy);
        });
    }

    /** The edge area ({@link RegisterMap#EDGE_AREA_SIZE} registers from {@link RegisterMap#EDGE_AREA}); a copy. */
    public int[] edgeArea() {
        return published.clone();
    }

    /** Changes each time the edge area changes (a poller writes the PLC only then, plus its heartbeat). */
    public long revision() {
        return revision.get();
    }

    /** Called on the handshake thread after each change of the edge area; must not block. */
    void onChange(Runnable hook) {
        this.onChange = hook;
    }

    /** Null while the PLC's heartbeat word changes; else why the PLC counts as silent. */
    public String plcSilence() {
        long at = plcHeartbeatAt;
        long limit = 3 * heartbeat.toNanos();
        if (at == 0) {
            return "the PLC has not written its registers yet";
        }
        long quiet = System.nanoTime() - at;
        return quiet > limit ? "the PLC heartbeat (register " + PLC_HEARTBEAT + ") has not changed for "
                + quiet / 1_000_000_000 + " s" : null;
    }

    // ---- line events (line thread: enqueue only) ---------------------------------------------------------------

    @Override
    public void on(LineEvent e) {
        if (isResult(e)) {
            if (attached) {
                run(() -> result(e));
            }
        } else if (e instanceof LineEvent.DeviceFault || e instanceof LineEvent.DeviceCleared
                || e instanceof LineEvent.JobClosed || e instanceof LineEvent.LineStateChanged
                || e instanceof LineEvent.JobOpened) {
            run(() -> note(e));
        }
    }

    // ---- the handshake thread ----------------------------------------------------------------------------------

    private void received(int[] area) {
        int hb = area[PLC_HEARTBEAT];
        if (hb != lastPlcHeartbeat) {
            lastPlcHeartbeat = hb;
            plcHeartbeatAt = System.nanoTime();
        }
        boolean first = plc == null;
        plc = area;
        long ack = Registers.u32(area, RESULT_ACK);
        if (first) {
            // Counters the PLC shows when the edge starts were answered before (or will be repeated by the PLC
            // with a new value after its timeout): executing them again could close a job or print a stale item.
            lastTrigger = area[TRIGGER];
            lastCommand = area[COMMAND];
            attach(ack);
            return;
        }
        boolean dropped = false;
        while (!results.isEmpty() && !Registers.after(results.peekFirst().number() & 0xFFFF_FFFFL, ack)) {
            results.removeFirst();
            dropped = true;
        }
        if (dropped) {
            showResults();
        }
        nextTrigger();
        nextCommand();
    }

    /** Item results, and on a version 2 map the case results: what goes into the result slots. */
    private boolean isResult(LineEvent e) {
        return e instanceof LineEvent.ItemBound || e instanceof LineEvent.ItemRejected
                || packing && (e instanceof LineEvent.CasePacked || e instanceof LineEvent.CaseRejected);
    }

    /** Replays the open job's results the PLC has not acknowledged, then takes live ones. */
    private void attach(long ack32) {
        long last = line.lastEventNumber();
        long after = (last & ~0xFFFF_FFFFL) | ack32;
        if (after > last) {
            after -= 1L << 32;
        }
        line.replay(Math.max(0, after), e -> {
            if (isResult(e)) {
                run(() -> result(e));
            }
        }, () -> attached = true);
    }

    private void nextTrigger() {
        if (pendingTrigger != null || plc[TRIGGER] == lastTrigger) {
            return;
        }
        int counter = plc[TRIGGER];
        long item = Registers.u32(plc, ITEM);
        lastTrigger = counter;
        if (counter == 0) {
            return; // 0 is no request: a PLC after a cold restart
        }
        if (item == 0) {
            answerTrigger(counter, 0, 0, StatusCodes.refusal(Refusal.BAD_FIELD), "BAD_FIELD: item number 0");
            return;
        }
        if (results.size() >= BUSY_RESULTS) {
            answerTrigger(counter, item, 0, StatusCodes.refusal(Refusal.BUSY),
                    "BUSY: " + results.size() + " results wait for RESULT_ACK");
            return;
        }
        pendingTrigger = new Object();
        // past the timeout NO_ANSWER, and a late answer is dropped: the PLC repeats the item and gets its index then
        LineCalls.ask(line.print(Long.toString(item)), timeout).thenAcceptAsync(answer -> {
            pendingTrigger = null;
            if (answer instanceof LineAnswer.Done<ItemIssued> done) {
                answerTrigger(counter, item, done.value().codeIndex(), StatusCodes.OK, "");
            } else {
                ModbusRefusal r = refused(answer);
                answerTrigger(counter, item, 0, r.code, r.detail);
            }
            nextTrigger();
        }, this::run);
    }

    private void answerTrigger(int counter, long item, long index, int status, String message) {
        Registers.putU32(edge, TRIGGER_ITEM, item);
        Registers.putU32(edge, TRIGGER_INDEX, index);
        edge[TRIGGER_STATUS] = status;
        edge[TRIGGER_ECHO] = counter;
        if (status != StatusCodes.OK) {
            Registers.putText(edge, MESSAGE, TEXT_BYTES, message);
        }
        statusAsked = false;
        publish();
    }

    private void nextCommand() {
        if (pendingCommand != null || plc[COMMAND] == lastCommand) {
            return;
        }
        int counter = plc[COMMAND];
        lastCommand = counter;
        if (counter == 0) {
            return;
        }
        CompletionStage<String> stage;
        try {
            stage = switch (plc[COMMAND_CODE]) {
                case CMD_START -> line.start(StartRegisters.order(plc), writer);
                case CMD_STOP -> line.stop(writer);
                case CMD_CLOSE -> line.close(writer);
                case CMD_CLOSE_CASE -> {
                    if (!packing) {
                        throw new ModbusRefusal(StatusCodes.UNKNOWN_COMMAND, "UNKNOWN_COMMAND: command code 4"
                                + " (CLOSE_CASE) is map version 2, for a line that packs cases");
                    }
                    yield line.closeCase().thenApply(items -> Integer.toString(items));
                }
                case CMD_CLOSE_PALLET -> {
                    if (!packing) {
                        throw new ModbusRefusal(StatusCodes.UNKNOWN_COMMAND, "UNKNOWN_COMMAND: command code 5"
                                + " (CLOSE_PALLET) is map version 2, for a line that builds pallets");
                    }
                    yield line.closePallet().thenApply(cases -> Integer.toString(cases));
                }
                default -> throw new ModbusRefusal(StatusCodes.UNKNOWN_COMMAND, "UNKNOWN_COMMAND: command code "
                        + plc[COMMAND_CODE]);
            };
        } catch (ModbusRefusal r) {
            answerCommand(counter, r.code, r.detail);
            return;
        }
        pendingCommand = new Object();
        LineCalls.ask(stage, timeout).thenAcceptAsync(answer -> {
            pendingCommand = null;
            if (answer instanceof LineAnswer.Done<String>) {
                answerCommand(counter, StatusCodes.OK, "");
            } else {
                ModbusRefusal r = refused(answer);
                answerCommand(counter, r.code, r.detail);
            }
            nextCommand();
        }, this::run);
    }

    private void answerCommand(int counter, int status, String message) {
        edge[COMMAND_STATUS] = status;
        edge[COMMAND_ECHO] = counter;
        if (status != StatusCodes.OK) {
            Registers.putText(edge, MESSAGE, TEXT_BYTES, message);
        }
        refreshStatus();
        publish();
    }

    private void result(LineEvent e) {
        Result r;
        if (e instanceof LineEvent.ItemBound b) {
            r = new Result(b.number(), itemNumber(b.itemId()), StatusCodes.OK);
        } else if (e instanceof LineEvent.CasePacked p) {
            r = new Result(p.number(), p.caseNumber(), StatusCodes.CASE_PACKED);
        } else if (e instanceof LineEvent.CaseRejected c) {
            r = new Result(c.number(), c.caseNumber(), StatusCodes.caseRejected(c.reason()));
        } else {
            LineEvent.ItemRejected j = (LineEvent.ItemRejected) e;
            r = new Result(j.number(), itemNumber(j.itemId()), StatusCodes.reject(j.reason()));
        }
        if (!results.isEmpty() && results.peekLast().number() >= r.number()) {
            return; // a replayed result already queued live
        }
        if (results.size() >= RESULT_BACKLOG) {
            results.removeFirst();
            edge[FAULTS] |= FAULT_RESULTS_DROPPED;
            log.warn("line {}: more than {} Modbus results wait for the PLC's RESULT_ACK; the oldest was dropped",
                    line.lineId(), RESULT_BACKLOG);
        }
        results.addLast(r);
        statusAsked = false;
        if (results.size() <= RESULT_SLOTS) {
            showResults();
        }
    }

    /** The item number in a result: the trigger's number, or the digits an edge-named item ends in (STREAM). */
    static long itemNumber(String item) {
        int i = item.length();
        while (i > 0 && Character.isDigit(item.charAt(i - 1))) {
            i--;
        }
        String digits = item.substring(i);
        if (digits.isEmpty() || digits.length() > 10) {
            return 0;
        }
        long n = Long.parseLong(digits);
        return n > 0xFFFF_FFFFL ? 0 : n;
    }

    private void showResults() {
        Iterator<Result> it = results.iterator();
        int n = 0;
        for (int slot = 0; slot < RESULT_SLOTS; slot++) {
            int at = RESULTS + slot * RESULT_SLOT_SIZE;
            Result r = it.hasNext() ? it.next() : null;
            Registers.putU32(edge, at, r == null ? 0 : r.number() & 0xFFFF_FFFFL);
            Registers.putU32(edge, at + 2, r == null ? 0 : r.item());
            edge[at + 4] = r == null ? 0 : r.code();
            n += r == null ? 0 : 1;
        }
        edge[RESULT_COUNT] = n;
        publish();
    }

    private void note(LineEvent e) {
        if (e instanceof LineEvent.DeviceFault f) {
            edge[FAULTS] |= bit(f.device());
            Registers.putText(edge, MESSAGE, TEXT_BYTES, f.device().name().toLowerCase() + ": " + f.reason());
        } else if (e instanceof LineEvent.DeviceCleared c) {
            edge[FAULTS] &= ~bit(c.device());
        } else if (e instanceof LineEvent.JobClosed c) {
            Registers.putU32(edge, CLOSED_PRINTED, c.account().printed());
            Registers.putU32(edge, CLOSED_BOUND, c.account().bound());
            Registers.putU32(edge, CLOSED_REJECTED, c.account().rejected());
            Registers.putU32(edge, CLOSED_VOIDED, c.account().voided());
            Registers.putText(edge, JOB_ID, TEXT_BYTES, c.account().jobId());
        }
        refreshStatus();
        publish();
    }

    private static int bit(Device d) {
        return switch (d) {
            case PRINTER -> FAULT_PRINTER;
            case SCANNER -> FAULT_SCANNER;
            case VAULT -> FAULT_VAULT;
        };
    }

    /** Every 200 ms: the edge heartbeat each second, the line's state and counters when something happened. */
    private void tick() {
        if (++ticks % 5 == 0) {
            edge[EDGE_HEARTBEAT] = (edge[EDGE_HEARTBEAT] + 1) & 0xFFFF;
            publish();
            statusAsked = false;
        }
        if (!statusAsked) {
            refreshStatus();
        }
    }

    private void refreshStatus() {
        statusAsked = true;
        line.status().thenAcceptAsync(this::showStatus, this::run);
    }

    private void showStatus(LineStatus s) {
        edge[LINE_STATE] = StatusCodes.state(s.state());
        Registers.putU32(edge, JOB_QUANTITY, s.quantity());
        Registers.putU32(edge, PRINTED, s.printed());
        Registers.putU32(edge, BOUND, s.bound());
        Registers.putU32(edge, REJECTED, s.rejected());
        Registers.putU32(edge, VOIDED, s.voided());
        if (s.jobId() != null) {
            Registers.putText(edge, JOB_ID, TEXT_BYTES, s.jobId());
        }
        publish();
    }

    private void publish() {
        int[] area = Arrays.copyOfRange(edge, EDGE_AREA, EDGE_AREA + EDGE_AREA_SIZE);
        int[] before = published;
        if (before == null || !Arrays.equals(before, area)) {
            published = area;
            revision.incrementAndGet();
            onChange.run();
        }
    }

    private void run(Runnable task) {
        if (closed) {
            return;
        }
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("line {}: Modbus handshake failed", line.lineId(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** A line's answer other than done, in the handshake's status code and message. */
    private ModbusRefusal refused(LineAnswer<?> answer) {
        if (answer instanceof LineAnswer.Refused<?> refused) {
            LineRefusal r = refused.refusal();
            return new ModbusRefusal(StatusCodes.refusal(r.reason()), r.detail() == null ? r.reason().name()
                    : r.reason() + ": " + r.detail());
        }
        if (answer instanceof LineAnswer.TimedOut<?>) {
            return new ModbusRefusal(StatusCodes.NO_ANSWER, "NO_ANSWER: the line did not answer in time");
        }
        Throwable cause = ((LineAnswer.Failed<?>) answer).cause();
        if (cause instanceof ModbusRefusal r) {
            return r;
        }
        log.error("line {}: Modbus request failed", line.lineId(), cause);
        return new ModbusRefusal(StatusCodes.refusal(Refusal.INTERNAL), "INTERNAL: see the edge log");
    }

    @Override
    public void close() {
        closed = true;
        subscription.close();
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
