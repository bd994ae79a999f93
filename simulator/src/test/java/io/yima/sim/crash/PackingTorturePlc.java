package io.yima.sim.crash;

import static org.awaitility.Awaitility.await;

import io.yima.sim.packing.CasePacker;
import io.yima.sim.plc.PlcConversation;
import io.yima.sim.plc.PlcFrame;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A packing line's PLC (ASCII protocol version 2) that keeps its job going through edge outages, as a real one
 * must: it triggers one item after another; an item the edge says OK to passes the kicker into the
 * {@link CasePacker}, but only while the PLC still tracks it on the link it was triggered on. When the link is
 * lost, every item in flight is kicked out (an OK replayed for it later moves nothing) and so is the open case
 * (the edge does not keep its count over a restart); when it comes back, the case labels waiting at the labeller
 * for cases that will never come are thrown away and the job is resumed with START.
 */
final class PackingTorturePlc implements PlcConversation.Listener {
    /** A case result as heard: CASE_PACKED (reason null) or CASE_REJECTED with its reason. */
    record CaseResult(long number, String code, String reason, int items) {
        boolean packed() {
            return reason == null;
        }
    }

    final List<PlcFrame> events = new CopyOnWriteArrayList<>();
    final List<String> unexpected = new CopyOnWriteArrayList<>();
    final List<CaseResult> caseResults = new CopyOnWriteArrayList<>();
    /** Item codes that passed the kicker into the packer. */
    final Map<String, String> packed = new ConcurrentHashMap<>();
    /** Items by id: the link their PRINT was sent on (counted up as each link is lost). */
    private final Map<String, Long> sentOn = new ConcurrentHashMap<>();
    private final AtomicLong link = new AtomicLong();
    /** Items whose PRINT was acknowledged, and items with a result (OK or REJECT). */
    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final Set<String> results = ConcurrentHashMap.newKeySet();
    private final CasePacker packer;
    private final Consumer<List<String>> onKick;
    private final Runnable clearCaseLabels;
    private PlcConversation plc;
    private long handledLink;
    int resumes;

    /**
     * @param onKick          told the items of each open case kicked out
     * @param clearCaseLabels throws away the case labels printed for cases that will never reach the labeller
     */
    PackingTorturePlc(CasePacker packer, Consumer<List<String>> onKick, Runnable clearCaseLabels) {
        this.packer = packer;
        this.onKick = onKick;
        this.clearCaseLabels = clearCaseLabels;
    }

    void attach(PlcConversation conversation) {
        this.plc = conversation;
        this.handledLink = conversation.reconnects();
    }

    @Override
    public void event(PlcFrame e) {
        events.add(e);
        switch (e.command()) {
            case "OK" -> {
                Long on = sentOn.get(e.field(2));
                // an OK for an item triggered on an earlier link: the PLC lost it from its tracking, it was kicked
                if (on != null && on == link.get()) {
                    String code = URLDecoder.decode(e.field(3), StandardCharsets.UTF_8);
                    packed.put(e.field(2), code);
                    packer.item(code);
                }
                results.add(e.field(2));
            }
            case "REJECT" -> results.add(e.field(2));
            case "CASE_PACKED" -> caseResults.add(new CaseResult(Long.parseLong(e.field(2)), e.field(3), null,
                    Integer.parseInt(e.field(4))));
            case "CASE_REJECTED" -> caseResults.add(new CaseResult(Long.parseLong(e.field(2)), e.field(3),
                    e.field(4), Integer.parseInt(e.field(5))));
            default -> { }
        }
    }

    /**
     * The link is lost: every item in flight is lost from tracking (kicked at the kicker whatever the edge says
     * later) and the open case goes out for rework, before a request can go out on the next link.
     */
    @Override
    public void linkChanged(boolean up) {
        if (!up) {
            link.incrementAndGet();
            onKick.accept(packer.kickOpen());
        }
    }

    PlcFrame closed(String job) {
        return events.stream().filter(e -> e.command().equals("CLOSED") && e.field(2).equals(job)).findFirst()
                .orElse(null);
    }

    /** Runs the job until the edge says its quantity is reached. */
    void run(String job, int quantity) {
        String[] start = {job, "SKU-T", "B1", Integer.toString(quantity), "symbol=QR", "mode=TRIGGERED"};
        String first = request("START", start);
        if (!first.equals("ACK")) {
            unexpected.add("START " + job + " answered " + first);
            return;
        }
        for (int k = 1; ; k++) {
            String item = job + "-" + k;
            String outcome = trigger(item, start);
            if (outcome.equals("QUANTITY_REACHED")) {
                return;
            }
            if (!outcome.equals("ACK") && !outcome.equals("LOST")) {
                unexpected.add("PRINT " + item + " answered " + outcome);
                return;
            }
        }
    }

    /** After an outage, before the next request: kick out what the PLC lost track of and resume the job. */
    private void afterOutage(String[] start) {
        if (plc.reconnects() == handledLink) {
            return;
        }
        await().atMost(Duration.ofSeconds(90)).until(plc::connected);
        handledLink = plc.reconnects();
        clearCaseLabels.run();
        if (start != null) {
            String resumed = request("START", start);
            if (resumed.equals("ACK")) {
                resumes++;
            } else if (!resumed.equals("LOST")) {
                unexpected.add("resuming START " + start[0] + " answered " + resumed);
            }
        }
    }

    /** Handles an outage that happened since the last request (the end of a job, before CLOSE_CASE). */
    void settleOutage() {
        afterOutage(null);
    }

    /** Items acknowledged on the current link that have no result yet (OK or REJECT). */
    long awaitingResults() {
        long now = link.get();
        return acked.stream().filter(i -> sentOn.get(i) == now && !results.contains(i)).count();
    }

    /** CLOSE_CASE's reply (ACK,seq,items), or null when none came. */
    PlcFrame closeCase() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                return plc.request("CLOSE_CASE").get(5, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof PlcConversation.NotSentException)) {
                    return null;
                }
                await().atMost(Duration.ofSeconds(60)).until(plc::connected);
            } catch (TimeoutException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** ACK, LOST (fate unknown: the edge went away), or the NAK reason. */
    private String trigger(String item, String[] start) {
        while (true) {
            afterOutage(start);
            long before = events.size();
            sentOn.put(item, link.get());
            String r = request("PRINT", item);
            if (r.equals("ACK")) {
                acked.add(item);
            }
            if (!r.equals("BUSY") && !r.equals("PAUSED") && !r.equals("VAULT") && !r.equals("NOT_SENT")) {
                return r;
            }
            try {
                await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofMillis(500))
                        .until(() -> events.size() > before || plc.reconnects() != handledLink);
            } catch (ConditionTimeoutException e) {
                // nothing happened yet; ask again
            }
        }
    }

    /** The reply's ACK with its fields (for CLOSE_CASE), the NAK reason, NOT_SENT or LOST. */
    String request(String command, String... fields) {
        return TorturePlc.request(plc, command, fields);
    }

    /** Sends a request until it is answered (repeating only what provably never left). */
    String requestAnswered(String command, String... fields) {
        return TorturePlc.requestAnswered(plc, command, fields);
    }
}
