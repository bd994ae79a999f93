package io.yima.sim.crash;

import static org.awaitility.Awaitility.await;

import io.yima.sim.plc.PlcConversation;
import io.yima.sim.plc.PlcFrame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A line PLC that keeps its job going through edge crashes: it triggers one new item after another, and when
 * the link comes back after a crash it says HELLO with its last event (the conversation does that) and START
 * with the same job, which the edge must acknowledge as a resume. An item whose trigger reply was lost is
 * written off (the edge voids its code); the next item gets a new id, as on a real line.
 */
final class TorturePlc implements PlcConversation.Listener {
    final List<PlcFrame> events = new CopyOnWriteArrayList<>();
    final List<String> unexpected = new CopyOnWriteArrayList<>();
    /** Items whose PRINT was acknowledged: each must get a result (OK or REJECT) sooner or later. */
    final List<String> issued = new CopyOnWriteArrayList<>();
    private PlcConversation plc;
    int resumes;
    int itemsTriggered;

    void attach(PlcConversation conversation) {
        this.plc = conversation;
    }

    @Override
    public void event(PlcFrame event) {
        events.add(event);
    }

    PlcFrame closed(String job) {
        return events.stream().filter(e -> e.command().equals("CLOSED") && e.field(2).equals(job)).findFirst()
                .orElse(null);
    }

    /** Runs the job until the edge says its quantity is reached. */
    void run(String job, int quantity) throws InterruptedException {
        String[] start = {job, "SKU-T", "B1", Integer.toString(quantity), "symbol=QR", "mode=TRIGGERED"};
        long reconnectsSeen = plc.reconnects();
        String first = request("START", start);
        if (!first.equals("ACK")) {
            unexpected.add("START " + job + " answered " + first);
            return;
        }
        for (int k = 1; ; k++) {
            if (plc.reconnects() != reconnectsSeen) {
                await().atMost(Duration.ofSeconds(60)).until(plc::connected);
                reconnectsSeen = plc.reconnects();
                String resumed = request("START", start);
                if (resumed.equals("ACK")) {
                    resumes++;
                } else if (!resumed.equals("LOST")) {
                    unexpected.add("resuming START " + job + " answered " + resumed);
                }
            }
            String item = job + "-" + k;
            itemsTriggered++;
            String outcome = trigger(item);
            if (outcome.equals("ACK")) {
                issued.add(item);
            }
            if (outcome.equals("QUANTITY_REACHED")) {
                return;
            }
            if (!outcome.equals("ACK") && !outcome.equals("LOST")) {
                unexpected.add("PRINT " + item + " answered " + outcome);
                return;
            }
        }
    }

    /** ACK, LOST (fate unknown: the edge went away), or the NAK reason. */
    private String trigger(String item) {
        while (true) {
            long before = events.size();
            String r = request("PRINT", item);
            // VAULT: the vault refuses writes for now (VoidedResultsIT), like PAUSED it ends with CLEARED
            if (!r.equals("BUSY") && !r.equals("PAUSED") && !r.equals("VAULT") && !r.equals("NOT_SENT")) {
                return r;
            }
            awaitProgress(before);
        }
    }

    /** Waits for the line to move on (a result frees the window, CLEARED ends a pause, the link comes back). */
    private void awaitProgress(long eventsBefore) {
        try {
            await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofMillis(500))
                    .until(() -> events.size() > eventsBefore);
        } catch (ConditionTimeoutException e) {
            // nothing happened yet; ask again
        }
    }

    /** The reply's ACK, the NAK reason, NOT_SENT (safe to repeat) or LOST (reply lost with the link). */
    String request(String command, String... fields) {
        return request(plc, command, fields);
    }

    /** One request on {@code plc}, answered as above (shared with {@link PackingTorturePlc}). */
    static String request(PlcConversation plc, String command, String... fields) {
        try {
            PlcFrame reply = plc.request(command, fields).get(5, TimeUnit.SECONDS);
            return reply.command().equals("ACK") ? "ACK" : reply.field(2);
        } catch (ExecutionException e) {
            return e.getCause() instanceof PlcConversation.NotSentException ? "NOT_SENT" : "LOST";
        } catch (TimeoutException e) {
            return "LOST";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "LOST";
        }
    }

    /** Sends a request until it is answered (repeating only what provably never left). */
    String requestAnswered(String command, String... fields) {
        return requestAnswered(plc, command, fields);
    }

    /** {@link #requestAnswered(String, String...)} on {@code plc} (shared with {@link PackingTorturePlc}). */
    static String requestAnswered(PlcConversation plc, String command, String... fields) {
        for (int attempt = 0; attempt < 200; attempt++) {
            String r = request(plc, command, fields);
            if (!r.equals("NOT_SENT")) {
                return r;
            }
            await().atMost(Duration.ofSeconds(60)).until(plc::connected);
        }
        return "NOT_SENT";
    }
}
