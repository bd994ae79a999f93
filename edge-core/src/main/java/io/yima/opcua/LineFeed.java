package io.yima.opcua;

import io.yima.line.LineAnswer;
import io.yima.line.LineCalls;
import java.util.concurrent.CompletionStage;
import io.yima.line.Device;
import io.yima.line.JobAccount;
import io.yima.line.JobOrder;
import io.yima.line.LineEvent;
import io.yima.line.LineListener;
import io.yima.line.LineSnapshot;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodResult;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * One line as the OPC UA server sees it. As a {@link LineListener} it runs on the line's thread and only records:
 * the latest item result and closing account in atomic fields, device faults and clears handed to the publisher
 * thread as alarms; nothing here waits, locks or touches the vault. The publisher thread calls {@link #refresh}
 * every tick to copy the snapshot and those fields into the line's nodes. The methods call the line's
 * {@code LineCommands} and answer when its stage completes, i.e. once the change is committed.
 */
final class LineFeed implements LineListener {
    /** The longest a method call waits for the line; the line answers in milliseconds unless it is stuck. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Variant NO_TEXT = new Variant("");
    private static final Variant ZERO = new Variant(uint(0));

    private final OpcUaLine line;
    private final LineNodes nodes;
    private final DeviceAlarms alarms;
    private final Executor publisher;
    private final AtomicInteger starting = new AtomicInteger();
    private final AtomicReference<LineEvent> lastResult = new AtomicReference<>();
    private final AtomicReference<LineEvent.JobClosed> lastClosed = new AtomicReference<>();
    private final AtomicReference<LineEvent> lastCase = new AtomicReference<>();
    private final AtomicReference<LineEvent> lastPallet = new AtomicReference<>();
    private LineEvent shownCase;
    private LineEvent shownPallet;
    private LineEvent shownResult;
    private LineEvent shownClosed;

    LineFeed(OpcUaLine line, LineNodes nodes, DeviceAlarms alarms, Executor publisher) {
        this.line = line;
        this.nodes = nodes;
        this.alarms = alarms;
        this.publisher = publisher;
    }

    @Override
    public void on(LineEvent e) {
        if (e instanceof LineEvent.ItemBound || e instanceof LineEvent.ItemRejected) {
            lastResult.set(e);
        } else if (e instanceof LineEvent.JobClosed c) {
            lastClosed.set(c);
        } else if (e instanceof LineEvent.CasePacked || e instanceof LineEvent.CaseRejected) {
            lastCase.set(e);
        } else if (e instanceof LineEvent.PalletPacked || e instanceof LineEvent.PalletRejected) {
            lastPallet.set(e);
        } else if (e instanceof LineEvent.DeviceFault f) {
            hand(() -> alarm(f.device(), true, f.reason()));
        } else if (e instanceof LineEvent.DeviceCleared c) {
            hand(() -> alarm(c.device(), false, ""));
        }
    }

    /** The server stops before the line does (the line has no unsubscribe): a late alarm is dropped, not thrown. */
    private void hand(Runnable alarm) {
        try {
            publisher.execute(alarm);
        } catch (RejectedExecutionException stopped) {
            // nobody is connected any more
        }
    }

    private void alarm(Device d, boolean active, String reason) {
        // the device's variables first, from the line's last published snapshot: that snapshot can still be one
        // publish behind the device change that raised this alarm, so a client reading on the alarm may see the
        // old state for that long (OpcUaLineIT waits for it)
        refresh();
        alarms.post(nodes.lineId(), d, nodes.devices.get(LineNodes.Device.values()[d.ordinal()]), active,
                reason == null ? "" : reason);
    }

    /** On the publisher thread: the nodes catch up with the line. */
    void refresh() {
        LineSnapshot s = line.snapshot().get();
        if (s != null) {
            nodes.show(s, starting.get() > 0);
        }
        LineEvent r = lastResult.get();
        if (r != null && r != shownResult) {
            shownResult = r;
            nodes.show(r);
        }
        LineEvent.JobClosed c = lastClosed.get();
        if (c != null && c != shownClosed) {
            shownClosed = c;
            nodes.show(c);
        }
        nodes.show(line.commands().packingCounts());
        LineEvent k = lastCase.get();
        if (k != null && k != shownCase) {
            shownCase = k;
            nodes.showUnit(k);
        }
        LineEvent p = lastPallet.get();
        if (p != null && p != shownPallet) {
            shownPallet = p;
            nodes.showUnit(p);
        }
    }

    /**
     * CloseCase: the open case closes now, as the PLC's CLOSE_CASE; answers with the items it was closed with once
     * the case has left the packer (its result follows in Packing/LastCase). Refused WRONG_MODE on a line that
     * packs no cases.
     */
    CompletableFuture<CallMethodResult> closeCase() {
        return shown(ask(line.commands().closeCase()).thenApply(answer -> MethodResults.of(answer,
                items -> MethodResults.ok(new Variant("OK"), NO_TEXT, count(items)), ZERO)));
    }

    /** ClosePallet: the open pallet is packed with the cases packed so far, as the PLC's CLOSE_PALLET. */
    CompletableFuture<CallMethodResult> closePallet() {
        return shown(ask(line.commands().closePallet()).thenApply(answer -> MethodResults.of(answer,
                cases -> MethodResults.ok(new Variant("OK"), NO_TEXT, count(cases)), ZERO)));
    }

    /** UnpackCase(Code, Reason) by {@code by}: a packed case's items (a pallet's cases) leave it. */
    CompletableFuture<CallMethodResult> unpackCase(Variant[] in, String by) {
        try {
            ReworkArguments.count(in, "UnpackCase", 2, "Code, Reason");
            String code = ReworkArguments.code(in[0], "Code");
            String reason = ReworkArguments.reason(in[1]);
            return rework(line.commands().rework().unpack(code, by, reason).toCompletableFuture()
                    .thenApply(u -> new Variant[] {new Variant(u.level().name()), count(u.childCount())}),
                    NO_TEXT, ZERO);
        } catch (JobArguments.BadArgument e) {
            return badArgument(e, NO_TEXT, ZERO);
        }
    }

    /** ReplaceItem(Case, Old, New) by {@code by}: the old child leaves the packed case, the new one enters. */
    CompletableFuture<CallMethodResult> replaceItem(Variant[] in, String by) {
        try {
            ReworkArguments.count(in, "ReplaceItem", 3, "Case, Old, New");
            String unit = ReworkArguments.code(in[0], "Case");
            String old = ReworkArguments.code(in[1], "Old");
            String fresh = ReworkArguments.code(in[2], "New");
            return rework(line.commands().rework().replace(unit, old, fresh, by).toCompletableFuture()
                    .thenApply(u -> new Variant[] {count(u.children().size())}), ZERO);
        } catch (JobArguments.BadArgument e) {
            return badArgument(e, ZERO);
        }
    }

    /** VoidCase(Code, Reason) by {@code by}: the case or pallet code is voided, a packed one's children leave. */
    CompletableFuture<CallMethodResult> voidCase(Variant[] in, String by) {
        try {
            ReworkArguments.count(in, "VoidCase", 2, "Code, Reason");
            String code = ReworkArguments.code(in[0], "Code");
            String reason = ReworkArguments.reason(in[1]);
            return rework(line.commands().rework().voidCase(code, by, reason).toCompletableFuture()
                    .thenApply(u -> new Variant[] {new Variant(u.level().name())}), NO_TEXT);
        } catch (JobArguments.BadArgument e) {
            return badArgument(e, NO_TEXT);
        }
    }

    /** Repallet(CaseCount) by {@code by}: the open job's packed cases on no pallet go on a new pallet. */
    CompletableFuture<CallMethodResult> repallet(Variant[] in, String by) {
        try {
            ReworkArguments.count(in, "Repallet", 1, "CaseCount");
            int cases = ReworkArguments.cases(in[0]);
            return rework(line.commands().rework().repallet(cases, by).toCompletableFuture()
                    .thenApply(n -> new Variant[] {count(n)}), ZERO);
        } catch (JobArguments.BadArgument e) {
            return badArgument(e, ZERO);
        }
    }

    private CompletableFuture<CallMethodResult> rework(CompletableFuture<Variant[]> done, Variant... blanks) {
        return shown(ask(done).thenApply(answer -> MethodResults.of(answer, out -> {
            Variant[] all = new Variant[2 + out.length];
            all[0] = new Variant("OK");
            all[1] = NO_TEXT;
            System.arraycopy(out, 0, all, 2, out.length);
            return MethodResults.ok(all);
        }, blanks)));
    }

    private static CompletableFuture<CallMethodResult> badArgument(JobArguments.BadArgument e, Variant... blanks) {
        return CompletableFuture.completedFuture(MethodResults.refused(
                new StatusCode(StatusCodes.Bad_InvalidArgument), "BAD_ARGUMENT", e.getMessage(), blanks));
    }

    /** StartJob called by {@code by} (recorded in the job's audit entry). */
    CompletableFuture<CallMethodResult> startJob(Variant[] in, String by) {
        JobOrder order;
        try {
            order = JobArguments.parse(in);
        } catch (JobArguments.BadArgument e) {
            return badArgument(e);
        }
        return start(order, by);
    }

    /** StartJobWithFields called by {@code by}: StartJob with the job's title, brand and production date. */
    CompletableFuture<CallMethodResult> startJobWithFields(Variant[] in, String by) {
        JobOrder order;
        try {
            order = JobArguments.parseWithFields(in);
        } catch (JobArguments.BadArgument e) {
            return badArgument(e);
        }
        return start(order, by);
    }

    private static CompletableFuture<CallMethodResult> badArgument(JobArguments.BadArgument e) {
        return CompletableFuture.completedFuture(MethodResults.refused(
                new StatusCode(StatusCodes.Bad_InvalidArgument), "BAD_ARGUMENT", e.getMessage(), NO_TEXT));
    }

    private CompletableFuture<CallMethodResult> start(JobOrder order, String by) {
        starting.incrementAndGet();
        return shown(ask(line.commands().start(order, by)).thenApply(answer -> {
            starting.decrementAndGet();
            return MethodResults.of(answer, job -> MethodResults.ok(new Variant("OK"), NO_TEXT, new Variant(job)),
                    NO_TEXT);
        }));
    }

    CompletableFuture<CallMethodResult> stopJob(String by) {
        return shown(ask(line.commands().stop(by)).thenApply(answer -> MethodResults.of(answer,
                job -> MethodResults.ok(new Variant("OK"), NO_TEXT, new Variant(job)), NO_TEXT)));
    }

    /** Answers with the job's account, which the line publishes (JobClosed) before the close stage completes. */
    CompletableFuture<CallMethodResult> closeJob(String by) {
        return shown(ask(line.commands().close(by)).thenApply(answer -> MethodResults.of(answer, job -> {
            LineEvent.JobClosed c = lastClosed.get();
            JobAccount a = c != null && c.account().jobId().equals(job) ? c.account()
                    : new JobAccount(job, 0, 0, 0, 0);
            return MethodResults.ok(new Variant("OK"), NO_TEXT, new Variant(job), count(a.printed()),
                    count(a.bound()), count(a.rejected()), count(a.voided()));
        }, NO_TEXT, ZERO, ZERO, ZERO, ZERO)));
    }

    /**
     * The answer leaves after the nodes show what the line published with the change (the line publishes its
     * snapshot before the stage completes), so a client reading Job or State after OK sees the new values.
     */
    private CompletableFuture<CallMethodResult> shown(CompletableFuture<CallMethodResult> answer) {
        return answer.thenApplyAsync(r -> {
            refresh();
            return r;
        }, publisher);
    }

    private static Variant count(long n) {
        return new Variant(LineNodes.count(n));
    }

    /** The line's answer within {@link #CALL_TIMEOUT} (past it, the call is answered TIMEOUT). */
    private static <T> CompletableFuture<LineAnswer<T>> ask(CompletionStage<T> stage) {
        return LineCalls.ask(stage, CALL_TIMEOUT);
    }
}
