package io.yima.sim.scanner;

/** The fault the scanner injected for one label: the ground truth a rig checks the edge against. */
public enum Injection {
    NONE, NO_READ, MISREAD, DUPLICATE, DELAY, GARBAGE, DISCONNECT
}
