package io.yima.line;

/** A device link as the line sees it. */
public enum DeviceState { ONLINE, OFFLINE, FAULT }
