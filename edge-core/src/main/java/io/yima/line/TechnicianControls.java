package io.yima.line;

import io.yima.config.LineConfig;
import io.yima.printing.LastLabel;
import java.util.concurrent.CompletionStage;

/**
 * What the status port (its pages and API, the technician's way in) may see of a line and do to it: its snapshot
 * and last label, the technician's pause and closing the open job. Views never wait on the line's thread; controls complete on it.
 */
public interface TechnicianControls {
    String lineId();

    LineConfig config();

    /** The open job's id, or null; readable from any thread without waiting. */
    String currentJobId();

    /** Holds the line (no new labels; those in flight still get their result) or lets it go again. */
    CompletionStage<Void> pause(boolean paused);

    /** Closes the open job; completes with the job id, or null if none was open. */
    CompletionStage<String> closeCurrentJob();

    /** The line as of its last change (at most one tick old for counters); never waits on the line's thread. */
    LineSnapshot snapshot();

    /** The line as of now, after everything queued before this call. */
    CompletionStage<LineSnapshot> currentSnapshot();

    /** The last label this line rendered and handed on for printing (status page preview), or null. */
    LastLabel lastLabel();
}
