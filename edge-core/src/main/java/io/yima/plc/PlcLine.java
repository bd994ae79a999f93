package io.yima.plc;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What a PLC session needs from its production line. Each call returns the ACK's data fields, completed only
 * after the state change is committed; a refusal completes exceptionally with {@link PlcNak}.
 */
public interface PlcLine {
    String lineId();

    String currentJobId();

    CompletionStage<List<String>> start(JobRequest request);

    CompletionStage<List<String>> print(String itemId);

    CompletionStage<List<String>> stop();

    CompletionStage<List<String>> close();

    CompletionStage<List<String>> status();

    /** Starts sending events to {@code link}, first replaying those of the open job numbered above {@code lastEvent}. */
    void attach(PlcLink link, long lastEvent);

    void detach(PlcLink link);

    /** The number of the last event issued, carried by heartbeats so the PLC can tell it missed one. */
    long lastEventNumber();

    /**
     * Sends {@code HB} with the last event number to {@code link}. It must reach the PLC after every event it
     * numbers: a PLC takes the number as "seen up to here" and would drop events still queued behind it as
     * replays. Lines that send events from another thread queue the heartbeat behind them.
     */
    default void heartbeat(PlcLink link) {
        link.send(PlcMessage.event("HB", lastEventNumber()));
    }
}
