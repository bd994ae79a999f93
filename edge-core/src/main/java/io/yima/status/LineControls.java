package io.yima.status;

/**
 * The technician's levers, reached through authenticated POSTs on the status port. Each call is a real change
 * in the daemon; it throws {@link LineControlException} when the target does not exist (404) or the change is
 * not possible in the current state (409). Called from the status port's worker threads.
 */
public interface LineControls {

    /** Stops issuing labels on a line; triggers arriving meanwhile are NAKed to the PLC. */
    void pause(String line);

    void resume(String line);

    /** Closes a job: unconfirmed codes are VOIDED and the job-close report is written. */
    void closeJob(String jobId);

    /**
     * Voids the codes of an application in the index range [fromIndex, toIndex], e.g. a spoiled label roll.
     * Only codes not yet BOUND or activated can be voided.
     *
     * @return how many codes changed to VOIDED
     */
    int voidRange(long applicationId, long fromIndex, long toIndex);

    /**
     * What voiding [fromIndex, toIndex] would find: codes per state (AVAILABLE, RESERVED, SENT, BOUND, REJECTED,
     * VOIDED), so the technician sees how many AVAILABLE codes would be voided before confirming, and a refusal
     * can say why nothing was voided. Changes nothing.
     */
    java.util.Map<String, Long> rangeStates(long applicationId, long fromIndex, long toIndex);

    /** Puts every FAILED activation range back in the outbox queue; returns how many ranges. */
    int retryFailedActivations();
}
