package io.yima.vault;

/** A job is OPEN while the PLC may trigger labels, STOPPED when paused, CLOSED once its report is final. */
public enum JobState {
    OPEN, STOPPED, CLOSED
}
