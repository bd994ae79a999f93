package io.yima.line;

/** What a line is doing: no job, issuing labels, stopped by the PLC, or held (technician or a device fault). */
public enum LineState { IDLE, RUNNING, STOPPED, PAUSED }
