package io.yima.drivers.transport;

/** A device link as the line sees it: UNKNOWN until the first good reply, then ONLINE, OFFLINE(reason) or FAULT(status). */
public enum LinkState {
    UNKNOWN,
    ONLINE,
    OFFLINE,
    FAULT
}
