package io.yima.line;

import io.yima.config.LineConfig;
import io.yima.config.LineConfig.LineMode;
import io.yima.plc.PlcNak;
import io.yima.vault.CodeRecord;
import io.yima.vault.CodeRef;
import io.yima.vault.CodeVault;
import io.yima.vault.Issue;
import io.yima.vault.JobSpec;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Codes → label bytes → printer. Holds the labels asked for but not yet issued (PLC triggers in TRIGGERED, its
 * own items in STREAM and PREPRINT) and issues them while the printer takes bytes and the line is not held.
 *
 * <p>The invariant this class exists for: a code is committed SENT before its label's first byte is handed to
 * the printer, so a crash can never leave a printed code that the vault thinks is unused; a label whose write
 * fails is voided and its item rejected PRINTER_FAULT — the bytes may have reached the printer, so the code is
 * never sent again. Send completions come back through {@code loop}, the line's thread, like everything else.
 */
final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final LineConfig config;
    private final CodeVault vault;
    private final CodeDispenser dispenser;
    private final LabelPress press;
    private final OpenJob job;
    private final LineHealth health;
    private final VerifyStation station;
    private final ItemResults results;
    private final Executor loop;
    private final ArrayDeque<PendingPrint> pending = new ArrayDeque<>();
    /** TRIGGERED: the code index each item of the open job was issued, so a repeated trigger prints nothing. */
    private final Map<String, Long> issuedItems = new HashMap<>();
    private LabelOutput printer;
    private long issued;
    private long autoItems;

    /** A label asked for; {@code reply} is the PLC's PRINT awaiting its code index, null for the line's own items. */
    private record PendingPrint(String itemId, long triggeredNanos, CompletableFuture<List<String>> reply) {
    }

    Dispatcher(LineConfig config, CodeVault vault, CodeDispenser dispenser, LabelPress press, OpenJob job,
               LineHealth health, VerifyStation station, ItemResults results, Executor loop) {
        this.config = config;
        this.vault = vault;
        this.dispenser = dispenser;
        this.press = press;
        this.job = job;
        this.health = health;
        this.station = station;
        this.results = results;
        this.loop = loop;
    }

    void connect(LabelOutput printer) {
        this.printer = printer;
    }

    /** A job opened (or resumed with {@code alreadyIssued} labels out): codes now come from its application. */
    void forJob(JobSpec spec, long alreadyIssued) {
        issued = alreadyIssued;
        autoItems = alreadyIssued;
        issuedItems.clear();
        dispenser.forJob(spec.applicationId(), spec.jobId());
    }

    /**
     * TRIGGERED: the PLC asks for a label for {@code itemId}; {@code reply} completes with the item and its code
     * index once the code is SENT. A refusal is thrown as the {@link PlcNak} the PLC hears.
     */
    void trigger(String itemId, long triggeredNanos, CompletableFuture<List<String>> reply) {
        job.requireRunning();
        if (job.mode() != LineMode.TRIGGERED) {
            throw new PlcNak("WRONG_MODE", job.mode().name());
        }
        // A PLC whose reply was lost with the link repeats the trigger: it gets the same answer, no label.
        Long index = issuedItems.get(itemId);
        if (index != null) {
            reply.complete(List.of(itemId, Long.toString(index)));
            return;
        }
        if (pending.stream().anyMatch(p -> p.itemId().equals(itemId))) {
            throw new PlcNak("BUSY", "item " + itemId + " is queued already");
        }
        if (health.pausedReason() != null) {
            throw new PlcNak("PAUSED", health.pausedReason());
        }
        // TRIGGERED: quantity is the good items the PLC wants; a rejected item's replacement gets a label.
        if (results.stats().bound + station.awaitingRead() + pending.size() >= job.spec().quantity()) {
            throw new PlcNak("QUANTITY_REACHED", Long.toString(job.spec().quantity()));
        }
        if (station.awaitingRead() + pending.size() >= config.verifyOrDefault().maxInFlightOrDefault()) {
            throw new PlcNak("BUSY");
        }
        pending.addLast(new PendingPrint(itemId, triggeredNanos, reply));
        pump();
    }

    /** Something that held dispatch let go (unpause, device back, printer writable): issue what is waiting. */
    void resume() {
        pump();
        fill();
    }

    /** STREAM and PREPRINT: asks for the line's own labels up to the job's quantity and the mode's depth. */
    void fill() {
        if (!job.isRunning() || health.pausedReason() != null) {
            return;
        }
        LineMode mode = job.mode();
        if (mode == LineMode.TRIGGERED) {
            return;
        }
        int depth = mode == LineMode.STREAM ? config.streamOrDefault().depthOrDefault() : Integer.MAX_VALUE;
        int quantity = job.spec().quantity();
        while (issued + pending.size() < quantity && station.awaitingRead() + pending.size() < depth
                && printer.isWritable()) {
            String item = (mode == LineMode.PREPRINT ? "pre-" : job.id() + "#") + (++autoItems);
            pending.addLast(new PendingPrint(item, System.nanoTime(), null));
            if (!pump()) {
                break;
            }
        }
    }

    /** Refuses every label not yet issued (job stopped or closed, shutdown). */
    void failPending(PlcNak nak) {
        for (PendingPrint p; (p = pending.pollFirst()) != null; ) {
            fail(p, nak);
        }
    }

    /** Hands the unused prefetch back to AVAILABLE; the number of reserved codes released. */
    int release() {
        return dispenser.release();
    }

    /** Issues pending labels while the printer takes bytes; false when it stopped for a reason. */
    private boolean pump() {
        while (!pending.isEmpty()) {
            if (health.pausedReason() != null || !printer.isWritable()) {
                return false;
            }
            if (!issue(pending.pollFirst())) {
                return false;
            }
        }
        return true;
    }

    /** Reserve → render → commit SENT → hand the bytes over; false when no code is left to issue. */
    private boolean issue(PendingPrint p) {
        CodeRecord code = dispenser.next();
        if (code == null) {
            log.error("line {}: application {} has no codes left", config.id(), job.spec().applicationId());
            PlcNak nak = new PlcNak("OUT_OF_CODES");
            fail(p, nak);
            failPending(nak);
            return false;
        }
        byte[] bytes;
        try {
            bytes = press.press(code, job.symbol());
        } catch (RuntimeException e) {
            // Nothing left the process: the code goes back with the reservation's release at job close.
            log.error("line {}: label for code {} could not be rendered", config.id(), code.index(), e);
            vault.voidCodes(List.of(new CodeRef(code.applicationId(), code.index())), "RENDER_FAILED");
            fail(p, new PlcNak("INTERNAL", "render failed"));
            return true;
        }
        vault.markSent(List.of(new Issue(code.applicationId(), code.index(), job.id(), p.itemId())));
        InFlightLabel label = new InFlightLabel(code, p.itemId(), p.triggeredNanos());
        label.sentNanos = System.nanoTime();
        issued++;
        station.expect(label);
        if (p.reply() != null) {
            issuedItems.put(p.itemId(), code.index());
            p.reply().complete(List.of(p.itemId(), Long.toString(code.index())));
        }
        printer.send(bytes).whenComplete((ok, error) -> loop.execute(() -> sent(label, error)));
        return true;
    }

    private void sent(InFlightLabel label, Throwable error) {
        if (error == null) {
            long latency = System.nanoTime() - label.triggeredNanos;
            results.stats().printed++;
            results.stats().printLatency(latency);
            results.observer().printed(config.id(), latency);
            results.journal().emit("PRINTED", label.itemId, Long.toString(label.code.index()));
            return;
        }
        // The bytes may or may not have reached the printer: void the code, never send it again.
        if (station.withdraw(label)) {
            log.warn("line {}: label for item {} (code {}) failed to send: {}; code voided", config.id(), label.itemId,
                    label.code.index(), error.toString());
            vault.voidCodes(List.of(new CodeRef(label.code.applicationId(), label.code.index())), "SEND_FAILED");
            results.stats().voided++;
            results.rejected(label.itemId, RejectReason.PRINTER_FAULT);
            fill();
        }
    }

    private static void fail(PendingPrint p, PlcNak nak) {
        if (p.reply() != null) {
            p.reply().completeExceptionally(nak);
        }
    }
}
